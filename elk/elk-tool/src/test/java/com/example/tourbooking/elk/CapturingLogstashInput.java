package com.example.tourbooking.elk;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A STAND-IN for Logstash's deploy http input (elk/logstash/pipeline/deploy.conf) that
 * records what a producer posts: HTTPS with a certificate made by the JDK's keytool for
 * 127.0.0.1 (the compose stack's input uses a keystore made by certs.sh), basic auth user
 * deploy with a token, 401 without it (logstash-input-http 4.x answers 401 on a wrong
 * password), 200 "ok" otherwise (its default response_code).
 */
final class CapturingLogstashInput implements AutoCloseable {

	static final String TOKEN = "test-token-not-a-secret";

	private final HttpsServer server;

	private final Path caCertificate;

	private final List<String> bodies = new ArrayList<>();

	private CapturingLogstashInput(HttpsServer server, Path caCertificate) {
		this.server = server;
		this.caCertificate = caCertificate;
	}

	static CapturingLogstashInput start(Path workDirectory) throws Exception {
		Path keystore = workDirectory.resolve("logstash.p12");
		Path ca = workDirectory.resolve("logstash-ca.pem");
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		run(keytool, "-genkeypair", "-alias", "logstash", "-keyalg", "RSA", "-keysize", "2048", "-dname",
				"CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
		run(keytool, "-exportcert", "-rfc", "-alias", "logstash", "-keystore", keystore.toString(), "-storepass",
				"changeit", "-file", ca.toString());
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keys.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls));
		CapturingLogstashInput input = new CapturingLogstashInput(server, ca);
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString(("deploy:" + TOKEN).getBytes(StandardCharsets.UTF_8));
		server.createContext("/", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			boolean authorised = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
			if (authorised) {
				synchronized (input.bodies) {
					input.bodies.add(new String(body, StandardCharsets.UTF_8));
				}
			}
			byte[] answer = (authorised ? "ok" : "").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(authorised ? 200 : 401, (answer.length == 0) ? -1 : answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
		return input;
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + output);
		}
	}

	String url() {
		return "https://127.0.0.1:" + this.server.getAddress().getPort() + "/";
	}

	Path caCertificate() {
		return this.caCertificate;
	}

	List<String> bodies() {
		synchronized (this.bodies) {
			return List.copyOf(this.bodies);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
