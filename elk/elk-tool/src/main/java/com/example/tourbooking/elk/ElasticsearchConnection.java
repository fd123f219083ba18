package com.example.tourbooking.elk;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.message.BasicHeader;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * One connection to Elasticsearch: the typed Java client for searches, and its low-level
 * REST client for the raw JSON assets of elk/elasticsearch, which are applied exactly as
 * written. Credentials come from the environment (ES_API_KEY, or ES_USERNAME and
 * ES_PASSWORD).
 */
final class ElasticsearchConnection implements Closeable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RestClient restClient;

	private final ElasticsearchClient client;

	private ElasticsearchConnection(RestClient restClient) {
		this.restClient = restClient;
		this.client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
	}

	static ElasticsearchConnection open(String url, String apiKey, String username, String password) {
		return open(url, apiKey, username, password, null);
	}

	/**
	 * Opens a connection.
	 * @param caCertificate PEM file of the CA that signed the cluster's certificate
	 * (ES_CA_CERT), or null to trust the JVM's default CAs
	 */
	static ElasticsearchConnection open(String url, String apiKey, String username, String password,
			String caCertificate) {
		Header[] headers;
		if (apiKey != null) {
			headers = new Header[] { new BasicHeader("Authorization", "ApiKey " + apiKey) };
		}
		else if (username != null && password != null) {
			String basic = java.util.Base64.getEncoder()
				.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
			headers = new Header[] { new BasicHeader("Authorization", "Basic " + basic) };
		}
		else {
			headers = new Header[0];
		}
		RestClientBuilder builder = RestClient.builder(HttpHost.create(url)).setDefaultHeaders(headers);
		if (caCertificate != null) {
			SSLContext sslContext = trusting(Path.of(caCertificate));
			builder.setHttpClientConfigCallback((client) -> client.setSSLContext(sslContext));
		}
		RestClient restClient = builder.build();
		return new ElasticsearchConnection(restClient);
	}

	/** An SSL context that trusts the CA certificate(s) of a PEM file. */
	static SSLContext trusting(Path pem) {
		try (InputStream in = Files.newInputStream(pem)) {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			int index = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trustStore.setCertificateEntry("ca-" + index++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalArgumentException("cannot use " + pem + " as a CA certificate (PEM): " + ex.getMessage(),
					ex);
		}
	}

	ElasticsearchClient client() {
		return this.client;
	}

	/** Returns the JSON answer, or {@code null} for 404. */
	JsonNode get(String path) throws IOException {
		try {
			return read(this.restClient.performRequest(new Request("GET", path)));
		}
		catch (ResponseException ex) {
			if (ex.getResponse().getStatusLine().getStatusCode() == 404) {
				return null;
			}
			throw new IOException(describe("GET", path, ex), ex);
		}
	}

	JsonNode send(String method, String path, String json) throws IOException {
		Request request = new Request(method, path);
		if (json != null) {
			request.setEntity(new NStringEntity(json, ContentType.APPLICATION_JSON));
		}
		try {
			return read(this.restClient.performRequest(request));
		}
		catch (ResponseException ex) {
			throw new IOException(describe(method, path, ex), ex);
		}
	}

	JsonNode sendNdjson(String path, String ndjson) throws IOException {
		Request request = new Request("POST", path);
		request
			.setEntity(new NStringEntity(ndjson, ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
		try {
			return read(this.restClient.performRequest(request));
		}
		catch (ResponseException ex) {
			throw new IOException(describe("POST", path, ex), ex);
		}
	}

	private static JsonNode read(Response response) throws IOException {
		if (response.getEntity() == null) {
			return JSON.createObjectNode();
		}
		try (InputStream body = response.getEntity().getContent()) {
			return JSON.readTree(body);
		}
	}

	private static String describe(String method, String path, ResponseException ex) {
		String body;
		try (InputStream in = ex.getResponse().getEntity().getContent()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException unreadable) {
			body = "";
		}
		return method + " " + path + " answered " + ex.getResponse().getStatusLine().getStatusCode() + ": " + body;
	}

	@Override
	public void close() throws IOException {
		this.restClient.close();
	}

}
