package com.example.tourbooking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for full-stack tests: what a real client sends and sees, with no
 * Spring test machinery in between (so two application contexts can be called alike).
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private final int port;

	public Api(int port) {
		this.port = port;
		this.base = "http://localhost:" + port;
	}

	public int port() {
		return this.port;
	}

	public Response get(String path, String token) {
		return send(builder(path, token).GET());
	}

	public Response post(String path, Object body, String token) {
		return post(path, body, token, Map.of());
	}

	public Response post(String path, Object body, String token, Map<String, String> headers) {
		return postRaw(path, (body != null) ? JSON.writeValueAsString(body) : "", token, headers);
	}

	public Response postRaw(String path, String body, String token, Map<String, String> headers) {
		HttpRequest.Builder request = builder(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return send(request);
	}

	public Response put(String path, Object body, String token) {
		return send(builder(path, token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	public Response putRaw(String path, String body, String token) {
		return send(builder(path, token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response delete(String path, String token) {
		return send(builder(path, token).DELETE());
	}

	private HttpRequest.Builder builder(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String body = response.body();
			JsonNode json = (body == null || body.isBlank()) ? JSON.missingNode() : JSON.readTree(body);
			return new Response(response.statusCode(), json, response.headers(), body);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * What came back.
	 *
	 * @param status HTTP status
	 * @param json the body parsed as JSON (a missing node when empty)
	 * @param headers response headers
	 * @param body the raw body
	 */
	public record Response(int status, JsonNode json, HttpHeaders headers, String body) {

		public String contentType() {
			return this.headers.firstValue("Content-Type").orElse("");
		}

		public String problemType() {
			return this.json.path("type").asString();
		}

		public long id() {
			return this.json.path("id").asLong();
		}

	}

}
