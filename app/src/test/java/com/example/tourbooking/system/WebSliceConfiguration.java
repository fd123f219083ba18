package com.example.tourbooking.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
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

}
