package com.example.tourbooking.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.tourbooking.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work the service no longer does on every request (issue 15), checked in the running
 * context so a dependency upgrade or a new auto-configuration cannot bring it back
 * unnoticed.
 */
class PerRequestWorkTests extends ApiTestSupport {

	@Autowired
	private ValidatorFactory validation;

	@Autowired
	private MeterRegistry meters;

	/**
	 * Logback consults its turbo filters on every level check of every logger, enabled or
	 * not: Micrometer's logback.events counter was one, 3 % of a booking's CPU.
	 */
	@Test
	void noTurboFilterStandsInFrontOfEveryLevelCheck() {
		assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList()).isEmpty();
	}

	@Test
	void requestBodiesAreValidatedWithoutAskingJpaWhatIsLoaded() {
		assertThat(this.validation.getTraversableResolver())
			.isInstanceOf(ValidationConfiguration.EveryPropertyTraversable.class);
	}

	@Test
	void requestsAreTimedWithoutAnActiveRequestTimer() {
		assertThat(this.api.get("/api/tours", null).status()).isEqualTo(200);

		assertThat(this.meters.find("http.server.requests").timers()).isNotEmpty();
		assertThat(this.meters.find("http.server.requests.active").longTaskTimers()).isEmpty();
	}

	/**
	 * Read off the wire: Spring MVC's flush after a {@code ResponseEntity} made Tomcat
	 * send every booking chunked, its last chunk in a second write.
	 */
	@Test
	void aBookingIsAnsweredWithItsLengthNotInChunks() throws IOException {
		long departure = firstDeparture(createTour(guide(), "Douro", "10.00", 5, 1));
		String body = "{\"departureId\":" + departure + ",\"headcount\":1}";

		String response = exchange("POST /api/reservations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
				+ "Authorization: Bearer " + customer().token() + "\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length() + "\r\n\r\n" + body);

		String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
		String sent = response.substring(head.length() + 4);
		assertThat(head).startsWith("http/1.1 201").doesNotContain("transfer-encoding");
		assertThat(head).contains("content-length: " + sent.getBytes(StandardCharsets.UTF_8).length);
		assertThat(sent).startsWith("{").endsWith("}").contains("\"status\":\"CONFIRMED\"");
	}

	/** Sends a raw request and reads the raw response until the server closes. */
	private String exchange(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.api.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
