package com.example.tourbooking.system;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. The API is stateless (bearer tokens, no session, no CSRF cookie to
 * protect); coarse role rules live here, ownership rules in the feature services.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String[] STAFF = { "GUIDE", "ADMIN" };

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProblemHandler problems) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.toAnyEndpoint())
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/livez", "/readyz")
				.permitAll()
				.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/auth/signup", "/api/auth/login")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/tours", "/api/tours/*")
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
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(roleClaimConverter()))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt today, with the algorithm id stored in each hash so it can be upgraded
		// later.
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	private static JwtAuthenticationConverter roleClaimConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(TokenService.ROLE_CLAIM);
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

}
