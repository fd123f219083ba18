package com.example.tourbooking.system.logging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.example.tourbooking.Api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service shipping to a receiver that stands in for Logstash: events arrive as
 * json_lines; while the receiver is down requests keep their latency, events wait in the
 * buffer and arrive after the reconnect, and every event that did not fit is counted as
 * dropped, none lost silently.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tours.logging.format=json", "tours.logging.logstash.ring-buffer-size=128",
				"tours.logging.logstash.destinations=127.0.0.1:${logstash.outage-test.port}" })
@DirtiesContext
class LogstashOutageTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonLinesReceiver RECEIVER = new JsonLinesReceiver();

	static {
		// Logging starts before the context, so the port must be known before it.
		RECEIVER.start(false);
		System.setProperty("logstash.outage-test.port", String.valueOf(RECEIVER.port()));
	}

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@AfterAll
	static void stopReceiver() {
		RECEIVER.close();
		System.clearProperty("logstash.outage-test.port");
	}

	@Test
	void anOutageCostsNoLatencyAndLosesNothingBeyondTheBuffer() throws Exception {
		Api api = new Api(this.port);
		LogstashShippingAppender shipping = LogstashShippingAppender.current().orElseThrow();
		await().atMost(Duration.ofSeconds(20)).until(() -> shipping.connectedDestination().isPresent());
		List<Long> before = timeRequests("before", 60);
		await().atMost(Duration.ofSeconds(20)).until(() -> received("before-59") == 1);
		assertThat(RECEIVER.lines()).allSatisfy((line) -> assertThat(JSON.readTree(line).isObject()).isTrue());

		RECEIVER.stop();
		// The TCP appender learns that Logstash went away when it next writes (as in
		// production, where traffic never stops): keep a trickle of requests going.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
			timeRequests("detect", 1);
			return shipping.connectedDestination().isEmpty();
		});
		long droppedBefore = shipping.droppedEvents();
		List<Long> during = timeRequests("outage", 300);
		long dropped = shipping.droppedEvents() - droppedBefore;
		assertThat(dropped).as("events beyond the buffer of 128").isPositive();
		assertThat(median(during)).isLessThanOrEqualTo(2 * median(before) + 10);

		RECEIVER.start(false);
		// Each outage request logs exactly one event (its access event): what was not
		// dropped was buffered and arrives now.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(receivedWithPrefix("outage-") + dropped)
				.as("delivered + dropped of 300 outage events")
				.isEqualTo(300));
		assertThat(receivedWithPrefix("outage-")).isGreaterThanOrEqualTo(100);
		assertThat(api.get("/api/tours", null).status()).isEqualTo(200);
	}

	private List<Long> timeRequests(String prefix, int count) throws Exception {
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/tours/1"))
				.header(RequestLoggingFilter.REQUEST_ID_HEADER, prefix + "-" + i)
				.build();
			long start = System.nanoTime();
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
			assertThat(response.statusCode()).isEqualTo(200);
		}
		return millis;
	}

	private static long received(String requestId) {
		return RECEIVER.lines()
			.stream()
			.filter((line) -> JSON.readTree(line).path("http.request.id").asString().equals(requestId))
			.count();
	}

	private static long receivedWithPrefix(String prefix) {
		return RECEIVER.lines()
			.stream()
			.map(JSON::readTree)
			.filter((event) -> event.path("http.request.id").asString().startsWith(prefix))
			.count();
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

}
