package com.example.tourbooking.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.tourbooking.ApiTestSupport;
import com.example.tourbooking.fuzz.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors raised outside the controllers (by Tomcat, by Spring Security's firewall, by the
 * body limits) come back in the same problem format as every other error, sent as raw
 * bytes the way a hostile client would.
 */
class ErrorFormatTests extends ApiTestSupport {

	private RawHttp raw() {
		return new RawHttp(this.api.port());
	}

	@Test
	void headersOverTheLimitAreAProblemFromTomcat() {
		RawHttp.Response response = raw().send("GET", "/api/tours",
				List.of(Map.entry("X-Padding", "a".repeat(20_000).getBytes(StandardCharsets.US_ASCII))), null);

		assertProblem(response, 400, "malformed-request");
	}

	@Test
	void aRequestLineTomcatCannotParseIsAProblem() {
		RawHttp.Response response = raw().send("GET", "/api/tours?q=a b{", List.of(), null);

		assertProblem(response, 400, "malformed-request");
	}

	@Test
	void urlsTheFirewallRejectsAreAProblem() {
		assertProblem(raw().send("GET", "/api/tours;x=1", List.of(), null), 400, "rejected-request");
		assertProblem(raw().send("GET", "/api/tours/%2e%2e/1", List.of(), null), 400, "rejected-request");
	}

	@Test
	void invalidUtf8InAQueryParameterIsAProblem() {
		assertProblem(raw().send("GET", "/api/tours?q=%FF%FE", List.of(), null), 400, "malformed-request");
	}

	@Test
	void nonAsciiContentTypeParametersAreAProblem() {
		RawHttp.Response response = raw().send("POST", "/api/auth/login",
				List.of(Map.entry("Content-Type", "application/json; charset=\u00e9".getBytes(StandardCharsets.UTF_8))),
				"{\"email\":\"a@example.com\",\"password\":\"x\"}".getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).isBetween(400, 499);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
		byte[] body = ("{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(70_000) + "\"}")
			.getBytes(StandardCharsets.UTF_8);

		RawHttp.Response response = raw().send("POST", "/api/auth/login",
				List.of(Map.entry("Content-Type", "application/json".getBytes(StandardCharsets.US_ASCII))), body);

		assertProblem(response, 413, "payload-too-large");
	}

	@Test
	void aChunkedBodyOverTheLimitIsCutOff() throws IOException {
		Caller guide = guide();
		long before = this.data.count("tours");
		String head = "POST /api/tours HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + "Authorization: Bearer "
				+ guide.token() + "\r\nContent-Type: application/json\r\n" + "Transfer-Encoding: chunked\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", this.api.port())) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			String chunk = "{\"title\":\"" + "x".repeat(8_000);
			for (int i = 0; i < 20; i++) {
				byte[] bytes = chunk.getBytes(StandardCharsets.US_ASCII);
				out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(bytes);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				chunk = "y".repeat(8_000);
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			RawHttp.Response response = readResponse(socket.getInputStream());

			assertProblem(response, 413, "payload-too-large");
		}
		assertThat(this.data.count("tours")).isEqualTo(before);
	}

	@Test
	void unknownPathsAndErrorsFromTheErrorPageAreProblems() {
		byte[] bearer = ("Bearer " + customer().token()).getBytes(StandardCharsets.US_ASCII);
		assertProblem(raw().send("GET", "/api/nothing-here", List.of(Map.entry("Authorization", bearer)), null), 404,
				"not-found");
		assertProblem(raw().send("GET", "/error", List.of(), null), 404, "not-found");
	}

	private static RawHttp.Response readResponse(InputStream in) throws IOException {
		return RawHttp.read(in);
	}

	private static void assertProblem(RawHttp.Response response, int status, String type) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"" + PROBLEMS + type + "\"")
			.contains("\"status\":" + status)
			.doesNotContain("<html")
			.doesNotContain("Exception");
	}

}
