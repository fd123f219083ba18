package com.example.tourbooking.elk;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gate's verdict as a tourbooking.deploy event (gate-passed or gate-failed), posted
 * to Logstash's deploy http input like the Ansible k8s_deploy role posts its events
 * (basic auth user {@code deploy}, token from DEPLOY_EVENT_TOKEN). Every field of the
 * contract's "always" list comes from the caller; when one is missing the event is not
 * sent and the gate says which to set. A failure to send is reported, never fatal: the
 * verdict stands.
 */
record GateEvent(ObjectNode body) {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** What the event says about the deploy, from options or the environment. */
	record Deploy(String service, String version, String environment, String imageName, String imageDigest,
			String gitCommit, String buildNumber) {

		List<String> missing() {
			Map<String, String> required = new LinkedHashMap<>();
			required.put("IMAGE_NAME (--image-name)", this.imageName);
			required.put("IMAGE_DIGEST (--image-digest)", this.imageDigest);
			required.put("GIT_COMMIT (--git-commit)", this.gitCommit);
			required.put("BUILD_NUMBER (--build-number)", this.buildNumber);
			List<String> missing = new ArrayList<>();
			required.forEach((name, value) -> {
				if (value == null || value.isBlank()) {
					missing.add(name);
				}
			});
			return missing;
		}

	}

	static GateEvent of(Deploy deploy, DeployGate.Verdict verdict, Instant at, Duration window) {
		ObjectNode body = JSON.createObjectNode();
		body.put("@timestamp", at.toString());
		body.put("message", "gate " + (verdict.passed() ? "passed" : "failed") + " for " + deploy.service() + " "
				+ deploy.version() + " in " + deploy.environment() + ": " + String.join("; ", verdict.reasons()));
		ObjectNode event = body.putObject("event");
		event.put("dataset", "tourbooking.deploy");
		event.put("kind", "event");
		event.put("category", "configuration");
		event.put("action", verdict.passed() ? "gate-passed" : "gate-failed");
		event.put("outcome", verdict.passed() ? "success" : "failure");
		if (!verdict.passed()) {
			event.put("reason", verdict.code());
		}
		event.put("duration_ms", window.toMillis());
		ObjectNode service = body.putObject("service");
		service.put("name", deploy.service());
		service.put("version", deploy.version());
		service.put("environment", deploy.environment());
		ObjectNode image = body.putObject("container").putObject("image");
		image.put("name", deploy.imageName());
		image.put("digest", deploy.imageDigest());
		body.putObject("git").put("commit", deploy.gitCommit());
		body.putObject("build").put("number", deploy.buildNumber());
		body.putObject("deploy").put("tool", "elk-tool");
		return new GateEvent(body);
	}

	/**
	 * Posts the event; prints what happened. Returns true when Logstash accepted it
	 * (2xx).
	 */
	boolean send(URI url, String token, String caCertificate, PrintStream out) {
		try {
			HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
			if (caCertificate != null) {
				client.sslContext(ElasticsearchConnection.trusting(Path.of(caCertificate)));
			}
			String credentials = Base64.getEncoder()
				.encodeToString(("deploy:" + ((token != null) ? token : "")).getBytes(StandardCharsets.UTF_8));
			HttpRequest request = HttpRequest.newBuilder(url)
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("Authorization", "Basic " + credentials)
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(this.body)))
				.build();
			HttpResponse<Void> response = client.build().send(request, HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 == 2) {
				out.println("gate: sent " + this.body.path("event").path("action").asText() + " to " + url);
				return true;
			}
			out.println("gate: WARNING: " + url + " answered HTTP " + response.statusCode()
					+ " to the gate event (check DEPLOY_EVENT_TOKEN); the verdict stands");
		}
		catch (IOException | RuntimeException ex) {
			out.println("gate: WARNING: could not send the gate event to " + url + ": " + ex.getMessage()
					+ "; the verdict stands");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			out.println("gate: WARNING: interrupted while sending the gate event");
		}
		return false;
	}

}
