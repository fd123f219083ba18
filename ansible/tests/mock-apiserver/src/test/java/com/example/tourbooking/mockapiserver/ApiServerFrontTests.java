package com.example.tourbooking.mockapiserver;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The front refuses like kube-apiserver: no TLS trust without the test's CA, 401 without
 * a known bearer token, 403 with an RBAC Status for a namespace-scoped deployer's
 * cluster-scoped writes, and passes everything else to the CRUD mock.
 */
class ApiServerFrontTests {

	private static final String NAMESPACE = "/api/v1/namespaces/shop";

	private final ObjectMapper json = new ObjectMapper();

	@TempDir
	static Path dir;

	private static KubernetesMockServer mock;

	private static ApiServerFront front;

	private static HttpClient trusting;

	@BeforeAll
	static void start() throws Exception {
		openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test-ca", "-keyout",
				"ca.key", "-out", "ca.crt", "-addext", "basicConstraints=critical,CA:TRUE");
		openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=kube-apiserver", "-keyout", "server.key", "-out",
				"server.csr");
		Files.writeString(dir.resolve("ext"), "subjectAltName=IP:127.0.0.1\n");
		openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days",
				"1", "-extfile", "ext", "-out", "server.crt");
		Files.writeString(dir.resolve("tokens.csv"),
				"admin-token,admin,1,\"system:masters\"\ndeployer-token,deployer,2,\"deployers\"\n");
		mock = MockApiServer.start();
		front = ApiServerFront.start(0, dir.resolve("server.crt"), dir.resolve("server.key"),
				ApiUser.fromTokenFile(dir.resolve("tokens.csv"), Map.of("deployer", "shop")),
				URI.create("http://127.0.0.1:" + mock.getPort() + "/"));
		trusting = HttpClient.newBuilder().sslContext(trusting(dir.resolve("ca.crt"))).build();
	}

	@AfterAll
	static void stop() {
		front.stop();
		mock.shutdown();
	}

	@Test
	void aClientWithoutTheClustersCaFailsTheHandshake() {
		assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(
				() -> HttpClient.newHttpClient().send(request("/version", null).build(), BodyHandlers.ofString()));
	}

	@Test
	void aMissingOrUnknownTokenIsUnauthorized() throws Exception {
		for (String token : new String[] { null, "wrong-token" }) {
			HttpResponse<String> response = send(request("/version", token).GET());
			assertThat(response.statusCode()).isEqualTo(401);
			JsonNode status = this.json.readTree(response.body());
			assertThat(status.path("kind").asString()).isEqualTo("Status");
			assertThat(status.path("reason").asString()).isEqualTo("Unauthorized");
		}
	}

	@Test
	void aNamespaceScopedDeployerMayNotWriteItsNamespaceButItsDeployments() throws Exception {
		HttpResponse<String> refused = send(request(NAMESPACE + "?fieldManager=t", "deployer-token")
			.header("Content-Type", "application/apply-patch+yaml")
			.method("PATCH", BodyPublishers
				.ofString("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\"," + "\"metadata\":{\"name\":\"shop\"}}")));
		assertThat(refused.statusCode()).isEqualTo(403);
		JsonNode status = this.json.readTree(refused.body());
		assertThat(status.path("reason").asString()).isEqualTo("Forbidden");
		assertThat(status.path("message").asString()).isEqualTo("namespaces \"shop\" is forbidden: User \"deployer\" "
				+ "cannot patch resource \"namespaces\" in API group \"\" in the namespace \"shop\"");
		assertThat(send(request("/apis/apps/v1/deployments", "deployer-token").GET()).statusCode()).isEqualTo(403);
		assertThat(send(request("/apis/apps/v1/namespaces/shop/deployments", "deployer-token").GET()).statusCode())
			.isEqualTo(200);
		assertThat(send(request("/apis/apps/v1/namespaces/other/deployments", "deployer-token").GET()).statusCode())
			.isEqualTo(403);
		assertThat(send(request("/api/v1", "deployer-token").GET()).statusCode()).isEqualTo(200);
	}

	@Test
	void anAdminMayWriteNamespaces() throws Exception {
		HttpResponse<String> created = send(
				request("/api/v1/namespaces", "admin-token").header("Content-Type", "application/json")
					.POST(BodyPublishers
						.ofString("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}")));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(send(request(NAMESPACE, "admin-token").GET()).statusCode()).isEqualTo(200);
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + front.port() + path));
		return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return trusting.send(request.build(), BodyHandlers.ofString());
	}

	private static void openssl(String... args) throws IOException, InterruptedException {
		String[] command = new String[args.length + 1];
		command[0] = "openssl";
		System.arraycopy(args, 0, command, 1, args.length);
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as(output).isZero();
	}

	private static SSLContext trusting(Path ca) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		try (InputStream in = Files.newInputStream(ca)) {
			store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
