package com.example.tourbooking.mockapiserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Ansible deploy role relies on in the MOCK API server: discovery, and
 * server-side apply that creates, updates in place, does nothing when nothing changed,
 * and honours dry runs.
 */
class ServerSideApplyTests {

	private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/shop/deployments/web";

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	private KubernetesMockServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = MockApiServer.start();
	}

	@AfterEach
	void stopServer() {
		this.server.shutdown();
	}

	@Test
	void discoveryListsDeploymentsAndTheirStatusSubresource() throws Exception {
		JsonNode resources = get("/apis/apps/v1?timeout=32s").body;
		assertThat(resources.path("resources").findValuesAsString("name")).contains("deployments", "deployments/status",
				"replicasets");
		assertThat(get("/version").body.path("gitVersion").asString()).contains("mock");
	}

	@Test
	void applyCreatesThenUpdatesInPlaceAndDefaultsReplicas() throws Exception {
		assertThat(apply(deployment("sha256:aaa"), "").status).isEqualTo(201);
		JsonNode created = get(DEPLOYMENT).body;
		assertThat(created.path("spec").path("replicas").asInt()).isEqualTo(1);
		assertThat(created.path("metadata").path("generation").asInt()).isEqualTo(1);

		assertThat(apply(deployment("sha256:bbb"), "").status).isEqualTo(200);
		JsonNode updated = get(DEPLOYMENT).body;
		assertThat(image(updated)).isEqualTo("web@sha256:bbb");
		assertThat(updated.path("metadata").path("generation").asInt()).isEqualTo(2);
		assertThat(updated.path("metadata").path("uid")).isEqualTo(created.path("metadata").path("uid"));
	}

	@Test
	void applyingTheSameObjectAgainWritesNothing() throws Exception {
		apply(deployment("sha256:aaa"), "");
		String version = get(DEPLOYMENT).body.path("metadata").path("resourceVersion").asString();

		assertThat(apply(deployment("sha256:aaa"), "").status).isEqualTo(200);

		assertThat(get(DEPLOYMENT).body.path("metadata").path("resourceVersion").asString()).isEqualTo(version);
	}

	@Test
	void dryRunAnswersTheResultButStoresNothing() throws Exception {
		apply(deployment("sha256:aaa"), "");

		Response answer = apply(deployment("sha256:bbb"), "&dryRun=All");

		assertThat(image(answer.body)).isEqualTo("web@sha256:bbb");
		assertThat(image(get(DEPLOYMENT).body)).isEqualTo("web@sha256:aaa");
	}

	@Test
	void applyKeepsStatusAndFieldsItDoesNotMention() throws Exception {
		apply(deployment("sha256:aaa"), "");
		send(HttpRequest.newBuilder(uri(DEPLOYMENT))
			.header("Content-Type", "application/merge-patch+json")
			.method("PATCH", BodyPublishers.ofString("{\"metadata\":{\"annotations\":{\"revision\":\"1\"}}}")));

		apply(deployment("sha256:bbb"), "");

		assertThat(get(DEPLOYMENT).body.path("metadata").path("annotations").path("revision").asString())
			.isEqualTo("1");
	}

	@Test
	void applyWithoutFieldManagerIsRejected() throws Exception {
		Response answer = send(HttpRequest.newBuilder(uri(DEPLOYMENT))
			.header("Content-Type", "application/apply-patch+yaml")
			.method("PATCH", BodyPublishers.ofString(deployment("sha256:aaa"))));
		assertThat(answer.status).isEqualTo(422);
	}

	private Response apply(String body, String extraQuery) throws Exception {
		return send(HttpRequest.newBuilder(uri(DEPLOYMENT + "?fieldManager=test&force=true" + extraQuery))
			.header("Content-Type", "application/apply-patch+yaml")
			.method("PATCH", BodyPublishers.ofString(body)));
	}

	private Response get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	private Response send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());
		JsonNode body = response.body().isEmpty() ? this.json.nullNode() : this.json.readTree(response.body());
		return new Response(response.statusCode(), body);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getPort() + path);
	}

	private static String image(JsonNode deployment) {
		return deployment.path("spec")
			.path("template")
			.path("spec")
			.path("containers")
			.path(0)
			.path("image")
			.asString();
	}

	private static String deployment(String digest) {
		return """
				{"apiVersion": "apps/v1", "kind": "Deployment",
				 "metadata": {"name": "web", "namespace": "shop"},
				 "spec": {"selector": {"matchLabels": {"app": "web"}},
				          "template": {"metadata": {"labels": {"app": "web"}},
				                       "spec": {"containers": [{"name": "app", "image": "web@%s"}]}}}}
				""".formatted(digest);
	}

	private record Response(int status, JsonNode body) {
	}

}
