package com.example.tourbooking.system.logging;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the authenticated caller's id in the MDC once Spring Security has verified the
 * token or the page session, so every event of the request names the user. The id is the
 * token subject or the session principal's name (the user's numeric id), never the email.
 */
class UserContextFilter extends OncePerRequestFilter {

	static final String USER_ID_MDC = "user.id";

	/**
	 * Lets the access event, logged after this filter has returned, name the user too.
	 */
	static final String USER_ID_ATTRIBUTE = UserContextFilter.class.getName() + ".userId";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String userId = userId(SecurityContextHolder.getContext().getAuthentication());
		if (userId == null) {
			chain.doFilter(request, response);
			return;
		}
		request.setAttribute(USER_ID_ATTRIBUTE, userId);
		MDC.put(USER_ID_MDC, userId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(USER_ID_MDC);
		}
	}

	/**
	 * The API's bearer token names the user in its subject; a page session's principal
	 * names the user by id too ({@code SessionUser#getName()}).
	 */
	private static @Nullable String userId(@Nullable Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			return token.getToken().getSubject();
		}
		if (authentication instanceof UsernamePasswordAuthenticationToken session && session.isAuthenticated()
				&& session.getPrincipal() instanceof AuthenticatedPrincipal) {
			return session.getName();
		}
		return null;
	}

}
