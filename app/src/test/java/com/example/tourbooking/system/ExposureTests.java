package com.example.tourbooking.system;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.example.tourbooking.Api;
import com.example.tourbooking.PostgresTestConfiguration;
import com.example.tourbooking.fuzz.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the {@code postgres} profile (staging, production) publishes by default: no API
 * description, no Swagger UI, no info endpoint; the actuator only on loopback outside a
 * container.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PostgresTestConfiguration.class)
@ActiveProfiles({ "test", "postgres" })
class ExposureTests {

	private static final String PROBLEMS = ProblemType.BASE;

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void apiDocsAndSwaggerUiAreNotPublished() {
		Api api = new Api(this.port);

		for (String path : new String[] { "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html" }) {
			Api.Response response = api.get(path, null);
			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.problemType()).isEqualTo(PROBLEMS + "not-found");
		}
	}

	@Test
	void theActuatorServesProbesAndMetricsButNotInfo() {
		RawHttp management = new RawHttp(this.managementPort);

		assertThat(management.send("GET", "/actuator/health/readiness", List.of(), null).status()).isEqualTo(200);
		assertThat(management.send("GET", "/actuator/prometheus", List.of(), null).status()).isEqualTo(200);
		// Not exposed: the endpoint is unknown to the actuator, so security refuses it
		// like any other unknown path without credentials (401), telling nothing.
		RawHttp.Response info = management.send("GET", "/actuator/info", List.of(), null);
		assertThat(info.status()).isEqualTo(401);
		assertThat(info.body()).doesNotContain("\"git\"").doesNotContain("\"build\"");
	}

	@Test
	void theActuatorListensOnLoopbackOnly() throws IOException {
		Optional<InetAddress> external = externalAddress();
		if (external.isEmpty()) {
			// No other interface to try from on this machine: loopback is all there is.
			return;
		}
		try (Socket socket = new Socket()) {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), this.managementPort), 2_000));
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(external.get(), this.port), 2_000);
			assertThat(socket.isConnected()).as("the API port listens on every interface").isTrue();
		}
	}

	private static Optional<InetAddress> externalAddress() throws SocketException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (network.isUp() && !network.isLoopback()) {
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					if (address instanceof Inet4Address) {
						return Optional.of(address);
					}
				}
			}
		}
		return Optional.empty();
	}

}
