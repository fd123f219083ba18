package com.example.tourbooking.mockapiserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The production-shaped front of the MOCK API server: it serves TLS with a certificate
 * the test made, authenticates every request by bearer token and authorises it like RBAC,
 * answering 401 and 403 with the {@code Status} objects kube-apiserver sends
 * (k8s.io/apiserver filters/authentication.go and authorization.go). Allowed requests are
 * forwarded to the CRUD mock on a loopback port that only this front uses. Watches are
 * not streamed (nothing in the tests watches).
 */
final class ApiServerFront {

	private static final String UNAUTHORIZED = """
			{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized",\
			"reason":"Unauthorized","code":401}""";

	private final HttpsServer server;

	private final ExecutorService executor;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final URI backend;

	private final Map<String, ApiUser> users;

	private ApiServerFront(HttpsServer server, ExecutorService executor, URI backend, Map<String, ApiUser> users) {
		this.server = server;
		this.executor = executor;
		this.backend = backend;
		this.users = users;
	}

	/**
	 * Listens on 127.0.0.1 (port 0: a free one) with the PEM certificate and PKCS#8 key,
	 * forwarding to {@code backend}.
	 */
	static ApiServerFront start(int port, Path certificate, Path key, Map<String, ApiUser> users, URI backend)
			throws IOException, GeneralSecurityException {
		HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 64);
		server.setHttpsConfigurator(new HttpsConfigurator(PemTls.serverContext(certificate, key)));
		ExecutorService executor = Executors.newFixedThreadPool(8);
		server.setExecutor(executor);
		ApiServerFront front = new ApiServerFront(server, executor, backend, users);
		server.createContext("/", front::handle);
		server.start();
		return front;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	void stop() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			ApiUser user = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
			if (user == null) {
				send(exchange, 401, UNAUTHORIZED.getBytes(StandardCharsets.UTF_8), "application/json");
				return;
			}
			RequestAttributes request = RequestAttributes.of(exchange.getRequestMethod(),
					exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
			if (!user.allows(request)) {
				send(exchange, 403, request.forbiddenStatus(user.name()).getBytes(StandardCharsets.UTF_8),
						"application/json");
				return;
			}
			forward(exchange, body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ApiUser authenticate(String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		return this.users.get(authorization.substring("Bearer ".length()).trim());
	}

	private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
		String rawQuery = exchange.getRequestURI().getRawQuery();
		URI target = this.backend
			.resolve(exchange.getRequestURI().getRawPath() + ((rawQuery != null) ? "?" + rawQuery : ""));
		HttpRequest.Builder request = HttpRequest.newBuilder(target)
			.method(exchange.getRequestMethod(), (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		for (String header : new String[] { "Content-Type", "Accept" }) {
			String value = exchange.getRequestHeaders().getFirst(header);
			if (value != null) {
				request.header(header, value);
			}
		}
		HttpResponse<byte[]> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		send(exchange, response.statusCode(), response.body(),
				response.headers().firstValue("Content-Type").orElse("application/json"));
	}

	private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
