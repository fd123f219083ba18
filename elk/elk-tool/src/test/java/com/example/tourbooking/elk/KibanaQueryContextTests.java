package com.example.tourbooking.elk;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The substitutions of Kibana's EsQueryParser as {@link KibanaQueryContext} does them, on
 * the cases its source distinguishes.
 */
class KibanaQueryContextTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static final KibanaQueryContext LAST_HOUR = new KibanaQueryContext(Instant.parse("2026-01-31T09:00:00Z"),
			Instant.parse("2026-01-31T10:00:00Z"));

	@Test
	void dashboardClausesWithoutFiltersAreRemovedAndTheTimefilterBecomesTheTimePickerRange() throws Exception {
		JsonNode request = LAST_HOUR.request(JSON.readTree("""
				{"index":"logs-x-*","body":{"query":{"bool":{
				  "must":["%dashboard_context-must_clause%",{"range":{"@timestamp":{"%timefilter%":true}}}],
				  "must_not":["%dashboard_context-must_not_clause%"],
				  "filter":["%dashboard_context-filter_clause%",{"term":{"a":"b"}}]}}}}"""));

		assertThat(request.path("body").path("query")).isEqualTo(JSON.readTree("""
				{"bool":{
				  "must":[{"range":{"@timestamp":{"gte":"2026-01-31T09:00:00.000Z","lte":"2026-01-31T10:00:00.000Z",
				    "format":"strict_date_optional_time"}}}],
				  "must_not":[],
				  "filter":[{"term":{"a":"b"}}]}}"""));
	}

	@Test
	void contextAndTimefieldBuildTheQueryFromTheDashboardFiltersAndTheTimeRange() throws Exception {
		JsonNode request = LAST_HOUR
			.request(JSON.readTree("{\"index\":\"i\",\"%context%\":true,\"%timefield%\":\"@timestamp\",\"body\":{}}"));

		assertThat(request.has("%context%")).isFalse();
		assertThat(request.path("body").path("query").path("bool").path("must")).isEqualTo(JSON.readTree("""
				[{"range":{"@timestamp":{"gte":"2026-01-31T09:00:00.000Z","lte":"2026-01-31T10:00:00.000Z",
				  "format":"strict_date_optional_time"}}}]"""));
	}

	@Test
	void shiftMovesTheBoundsAndMinMaxBecomeEpochMillis() throws Exception {
		JsonNode request = LAST_HOUR.request(JSON.readTree("""
				{"index":"i","body":{"query":{"range":{"@timestamp":{"%timefilter%":true,"shift":-1,"unit":"hour"}}},
				 "aggs":{"h":{"date_histogram":{"field":"@timestamp","fixed_interval":"1m",
				   "extended_bounds":{"min":{"%timefilter%":"min"},"max":{"%timefilter%":"max"}}}}}}}"""));

		assertThat(request.at("/body/query/range/@timestamp/gte").asText()).isEqualTo("2026-01-31T08:00:00.000Z");
		assertThat(request.at("/body/query/range/@timestamp/shift").isMissingNode()).isTrue();
		assertThat(request.at("/body/aggs/h/date_histogram/extended_bounds/min").asLong())
			.isEqualTo(Instant.parse("2026-01-31T09:00:00Z").toEpochMilli());
	}

	@Test
	void contextTogetherWithABodyQueryIsRefusedAsKibanaRefusesIt() {
		assertThatThrownBy(() -> LAST_HOUR
			.request(JSON.readTree("{\"index\":\"i\",\"%context%\":true,\"body\":{\"query\":{\"match_all\":{}}}}")))
			.hasMessageContaining("must not be used when url.body.query is set");
		assertThatThrownBy(() -> LAST_HOUR.request(JSON.readTree(
				"{\"index\":\"i\",\"body\":{\"query\":{\"range\":{\"@timestamp\":{\"%timefilter%\":\"later\"}}}}}")))
			.hasMessageContaining("must be set to true");
	}

}
