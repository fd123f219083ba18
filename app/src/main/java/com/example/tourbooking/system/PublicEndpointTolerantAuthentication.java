package com.example.tourbooking.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Picks how a bearer token is authenticated. On protected endpoints an expired, forged or
 * stale token is a 401. On public ones (login, sign-up, browsing) it is ignored and the
 * request goes on anonymously: a client that still sends its expired token must be able
 * to log in again. Spring Security's {@code BearerTokenAuthenticationFilter} (7.0) sends
 * every authentication failure to the entry point, public endpoint or not, hence this.
 */
final class PublicEndpointTolerantAuthentication implements AuthenticationManagerResolver<HttpServletRequest> {

	private final RequestMatcher publicEndpoints;

	private final AuthenticationManager strict;

	private final AuthenticationManager tolerant;

	PublicEndpointTolerantAuthentication(RequestMatcher publicEndpoints, JwtDecoder decoder,
			CurrentRoleJwtConverter converter) {
		this.publicEndpoints = publicEndpoints;
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
		provider.setJwtAuthenticationConverter(converter);
		this.strict = new ProviderManager(provider);
		this.tolerant = (authentication) -> {
			try {
				return this.strict.authenticate(authentication);
			}
			catch (AuthenticationException ex) {
				return new AnonymousAuthenticationToken("ignored-bearer-token", "anonymousUser",
						AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
			}
		};
	}

	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		return this.publicEndpoints.matches(request) ? this.tolerant : this.strict;
	}

}
