package com.example.tourbooking.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.test.util.ReflectionTestUtils;

import com.example.tourbooking.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two security chains (pages first, then the API) run their filters unwrapped: Spring
 * Security's observation decorator, which would create an observation per filter and per
 * request, and its observed authorization manager are not installed
 * ({@code SecurityConfiguration#securityObservationSettings}).
 */
class SecurityFilterChainsTests extends ApiTestSupport {

	@Autowired
	private FilterChainProxy filterChainProxy;

	@Test
	void neitherChainNorItsAuthorizationIsWrappedForObservation() {
		List<SecurityFilterChain> chains = this.filterChainProxy.getFilterChains();

		assertThat(ReflectionTestUtils.getField(this.filterChainProxy, "filterChainDecorator"))
			.as("FilterChainProxy's decorator (ObservationFilterChainDecorator when observed)")
			.extracting((decorator) -> decorator.getClass().getName())
			.asString()
			.doesNotContain("Observation");
		assertThat(chains).hasSize(2);
		for (SecurityFilterChain chain : chains) {
			assertThat(chain.getFilters()).filteredOn(AuthorizationFilter.class::isInstance)
				.singleElement()
				.extracting((filter) -> ((AuthorizationFilter) filter).getAuthorizationManager().getClass().getName())
				.asString()
				.doesNotContain("Observation");
		}
	}

}
