package com.example.tourbooking.elk;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonData;

/**
 * What arrived from one version of a service in a time window: events by level, access
 * events, 5xx answers and the most frequent errors. The evidence behind {@code verify}
 * and {@code gate}.
 */
record VersionEvents(long total, Map<String, Long> byLevel, long requests, long serverErrors,
		Map<String, Long> topErrors) {

	/** event.action of the access event the service logs once per request. */
	static final String ACCESS_ACTION = "http-request";

	/** log.level of errors. */
	static final String ERROR_LEVEL = "ERROR";

	long errors() {
		return this.byLevel.getOrDefault(ERROR_LEVEL, 0L);
	}

	double errorRatio() {
		return (this.total == 0) ? 0 : (double) errors() / this.total;
	}

	static VersionEvents query(ElasticsearchClient client, String index, String service, String version, Instant from,
			Instant to) throws IOException {
		List<Query> filters = List.of(Query.of((q) -> q.term((t) -> t.field("service.name").value(service))),
				Query.of((q) -> q.term((t) -> t.field("service.version").value(version))),
				Query.of((q) -> q.range((r) -> r.untyped((u) -> u.field("@timestamp")
					.gte(JsonData.of(from.toString()))
					.lt(JsonData.of(to.toString()))))));
		SearchResponse<Void> response = client.search(
				(s) -> s.index(index)
					.size(0)
					.trackTotalHits((t) -> t.enabled(true))
					.ignoreUnavailable(true)
					.allowNoIndices(true)
					.query((q) -> q.bool((b) -> b.filter(filters)))
					.aggregations("levels", (a) -> a.terms((t) -> t.field("log.level").size(10)))
					.aggregations("requests",
							(a) -> a.filter((f) -> f.term((t) -> t.field("event.action").value(ACCESS_ACTION))))
					.aggregations("server_errors", (a) -> a.filter((f) -> f.range((r) -> r.untyped(
							(u) -> u.field("http.response.status_code").gte(JsonData.of(500)).lte(JsonData.of(599))))))
					.aggregations("top_errors",
							(a) -> a.filter((f) -> f.term((t) -> t.field("log.level").value(ERROR_LEVEL)))
								.aggregations("by_type", (t) -> t.terms((terms) -> terms.field("error.type").size(5)))),
				Void.class);
		long total = (response.hits().total() != null) ? response.hits().total().value() : 0;
		Map<String, Aggregate> aggregations = response.aggregations();
		if (!aggregations.containsKey("requests")) {
			// no such data stream on this cluster (allowNoIndices): nothing arrived at
			// all
			return new VersionEvents(total, Map.of(), 0, 0, Map.of());
		}
		return new VersionEvents(total, terms(aggregations.get("levels")),
				aggregations.get("requests").filter().docCount(), aggregations.get("server_errors").filter().docCount(),
				terms(aggregations.get("top_errors").filter().aggregations().get("by_type")));
	}

	private static Map<String, Long> terms(Aggregate aggregate) {
		Map<String, Long> counts = new LinkedHashMap<>();
		if (aggregate != null && aggregate.isSterms()) {
			for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
				counts.put(bucket.key().stringValue(), bucket.docCount());
			}
		}
		return counts;
	}

}
