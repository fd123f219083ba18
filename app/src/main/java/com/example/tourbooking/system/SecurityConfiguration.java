package com.example.tourbooking.system;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. The API is stateless (bearer tokens, no session, no CSRF cookie to
 * protect); coarse role rules live here, ownership rules in the feature services.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String[] STAFF = { "GUIDE", "ADMIN" };

	/** What anyone may call; a bad bearer token on these is ignored, not refused. */
	static final RequestMatcher PUBLIC_ENDPOINTS = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/auth/signup"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/auth/login"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/tours"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/tours/*"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/livez"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/readyz"),
			PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs/**"),
			PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
			PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"),
			PathPatternRequestMatcher.withDefaults().matcher("/error"));

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProblemHandler problems, JwtDecoder jwtDecoder,
			AccountDirectory accounts) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.toAnyEndpoint())
				.permitAll()
				.requestMatchers(PUBLIC_ENDPOINTS)
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/tours", "/api/tours/*/departures")
				.hasAnyRole(STAFF)
				.requestMatchers(HttpMethod.PUT, "/api/tours/*")
				.hasAnyRole(STAFF)
				.requestMatchers(HttpMethod.DELETE, "/api/tours/*")
				.hasAnyRole(STAFF)
				.requestMatchers("/api/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.authenticationManagerResolver(new PublicEndpointTolerantAuthentication(PUBLIC_ENDPOINTS, jwtDecoder,
						new CurrentRoleJwtConverter(accounts)))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	/**
	 * No Spring Security observations: it would observe every filter of both chains, the
	 * authentication and the authorization (a dozen observations per request, a quarter
	 * of the booking's CPU with tracing, issue 15). Turning them off with
	 * {@code management.observations.enable} still wrapped every filter per request; with
	 * these settings Spring Security's {@code ObservationConfiguration} (7.0) does not
	 * wrap at all. The request's own observation (http.server.requests) stays: it carries
	 * the trace and span ids of every log event.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * bcrypt, with the algorithm id stored in each hash so it can be upgraded later. The
	 * cost ({@code tours.security.password-hash-cost}, log2 rounds, 4-31, default 10)
	 * applies to new hashes only: bcrypt reads the cost of a stored hash from the hash.
	 */
	@Bean
	PasswordEncoder passwordEncoder(@Value("${tours.security.password-hash-cost:10}") int cost) {
		if (cost < 4 || cost > 31) {
			throw new IllegalArgumentException(
					"tours.security.password-hash-cost (PASSWORD_HASH_COST) must be 4-31, not " + cost);
		}
		return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(cost)));
	}

}
