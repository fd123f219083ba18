package com.example.tourbooking.system;

import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The production security rules and problem handling for {@code @WebMvcTest} slices, so a
 * slice test sees the same 401/403 answers as the running service.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtProperties.class)
@Import({ SecurityConfiguration.class, SecurityProblemHandler.class, JwtConfiguration.class, ClockConfiguration.class,
		TokenService.class })
public class WebSliceConfiguration {

	/**
	 * Slices have no users table: as in production for an account that does not exist, a
	 * real guide or admin bearer token is refused. Slice tests authenticate with
	 * {@code jwt()}, which does not consult it.
	 */
	@Bean
	AccountDirectory noAccounts() {
		return (userId) -> Optional.empty();
	}

}
