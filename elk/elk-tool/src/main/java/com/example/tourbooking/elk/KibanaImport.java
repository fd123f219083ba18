package com.example.tourbooking.elk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Imports elk/kibana/objects/*.ndjson through Kibana's saved objects API
 * ({@code POST /api/saved_objects/_import?overwrite=true}): one request with every
 * object, so references between them resolve, and overwrite so that a re-run leaves the
 * same objects.
 */
final class KibanaImport {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final URI kibana;

	private final String authorization;

	private final PrintStream out;

	KibanaImport(URI kibana, String username, String password, PrintStream out) {
		this.kibana = kibana;
		this.authorization = (username != null && password != null) ? "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))
				: null;
		this.out = out;
	}

	/** Returns how many objects Kibana imported. */
	int importObjects(Path assets) throws IOException, InterruptedException {
		String ndjson = concatenate(assets.resolve("kibana").resolve("objects"));
		String boundary = "elk-tool-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"file\"; filename=\"tour-booking.ndjson\"\r\n"
				+ "Content-Type: application/ndjson\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(ndjson.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder request = HttpRequest
			.newBuilder(this.kibana.resolve("/api/saved_objects/_import?overwrite=true"))
			.timeout(Duration.ofSeconds(60))
			.header("kbn-xsrf", "elk-tool")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		HttpResponse<String> response = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.build()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("Kibana import answered " + response.statusCode() + ": " + response.body()
					+ " (check KIBANA_URL and KIBANA_USERNAME/KIBANA_PASSWORD)");
		}
		JsonNode result = JSON.readTree(response.body());
		if (!result.path("success").asBoolean(false)) {
			throw new IOException("Kibana refused some objects: " + result.path("errors"));
		}
		int count = result.path("successCount").asInt();
		this.out.printf("kibana: %d saved objects imported (overwrite: re-runs leave the same objects)%n", count);
		return count;
	}

	static String concatenate(Path folder) throws IOException {
		List<Path> files;
		try (Stream<Path> list = Files.list(folder)) {
			files = list.filter((path) -> path.toString().endsWith(".ndjson")).sorted().toList();
		}
		if (files.isEmpty()) {
			throw new IOException("no .ndjson files in " + folder);
		}
		StringBuilder ndjson = new StringBuilder();
		for (Path file : files) {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (!line.isBlank()) {
					ndjson.append(line.strip()).append('\n');
				}
			}
		}
		return ndjson.toString();
	}

}
