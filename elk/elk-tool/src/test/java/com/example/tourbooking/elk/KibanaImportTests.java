package com.example.tourbooking.elk;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kibana import path of {@code setup}, against a FAKE Kibana (a local HTTP server
 * that records requests and answers like the saved objects import API): Kibana cannot run
 * here.
 */
class KibanaImportTests {

	/** One request the fake received. */
	record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
	}

	final List<Recorded> requests = new CopyOnWriteArrayList<>();

	HttpServer fakeKibana;

	volatile int status = 200;

	@BeforeEach
	void startFakeKibana() throws IOException {
		this.fakeKibana = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.fakeKibana.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders(), body));
			long objects = body.lines().filter((line) -> line.startsWith("{\"type\"")).count();
			byte[] answer = ((this.status == 200) ? "{\"success\":true,\"successCount\":" + objects + "}"
					: "{\"statusCode\":401,\"error\":\"Unauthorized\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(this.status, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		this.fakeKibana.start();
	}

	@AfterEach
	void stopFakeKibana() {
		this.fakeKibana.stop(0);
	}

	@Test
	void setupImportsEverySavedObjectInOneOverwritingRequest() throws Exception {
		SharedNode.Result result = SharedNode.run(Map.of("ES_URL", SharedNode.url(), "ELK_ASSETS", SharedNode.ELK,
				"KIBANA_URL", kibanaUrl(), "KIBANA_USERNAME", "elastic", "KIBANA_PASSWORD", "changeme"), "setup",
				"--core-only");
		assertThat(result.exitCode()).as(result.output()).isZero();
		int objects = KibanaImport.concatenate(Path.of(SharedNode.ELK, "kibana", "objects")).split("\n").length;
		assertThat(result.output()).contains("kibana: " + objects + " saved objects imported");
		assertThat(this.requests).hasSize(1);
		Recorded request = this.requests.get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/saved_objects/_import?overwrite=true");
		assertThat(request.headers().get("Kbn-xsrf")).containsExactly("elk-tool");
		assertThat(request.headers().get("Authorization")).containsExactly("Basic ZWxhc3RpYzpjaGFuZ2VtZQ==");
		assertThat(request.headers().get("Content-type").get(0)).startsWith("multipart/form-data; boundary=");
		assertThat(request.body()).contains("filename=\"tour-booking.ndjson\"")
			.contains("\"id\":\"tourbooking-service\"")
			.contains("\"id\":\"tourbooking-errors-since-last-deploy\"");
		assertThat(objects).isGreaterThan(20);
	}

	@Test
	void aRefusedImportFailsSetupWithAReadableMessage() throws Exception {
		this.status = 401;
		SharedNode.Result result = SharedNode.run(
				Map.of("ES_URL", SharedNode.url(), "ELK_ASSETS", SharedNode.ELK, "KIBANA_URL", kibanaUrl()), "setup",
				"--core-only");
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.output()).contains("Kibana import answered 401").contains("KIBANA_USERNAME");
	}

	@Test
	void withoutKibanaUrlTheImportIsSkippedAndSaysSo() throws Exception {
		SharedNode.Result result = SharedNode.tool("setup", "--core-only");
		assertThat(result.output()).contains("kibana: skipped, KIBANA_URL is not set (saved objects not imported)");
		assertThat(this.requests).isEmpty();
	}

	private String kibanaUrl() {
		return "http://127.0.0.1:" + this.fakeKibana.getAddress().getPort();
	}

}
