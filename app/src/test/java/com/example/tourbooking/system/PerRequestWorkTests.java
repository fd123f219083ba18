package com.example.tourbooking.system;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.example.tourbooking.Api;
import com.example.tourbooking.ApplicationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work the service no longer does on every request (issue 15), checked in the running
 * context so a dependency upgrade or a new auto-configuration cannot bring it back
 * unnoticed.
 */
@ApplicationTest
class PerRequestWorkTests {

	@LocalServerPort
	private int port;

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
		assertThat(new Api(this.port).get("/api/tours", null).status()).isEqualTo(200);

		assertThat(this.meters.find("http.server.requests").timers()).isNotEmpty();
		assertThat(this.meters.find("http.server.requests.active").longTaskTimers()).isEmpty();
	}

}
