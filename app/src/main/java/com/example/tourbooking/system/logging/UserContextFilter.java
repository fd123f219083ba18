package com.example.tourbooking.system.logging;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the authenticated caller's id in the MDC once Spring Security has verified the
 * token, so every event of the request names the user. The id is the token subject (the
 * user's numeric id), never the email.
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
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token) || token.getToken().getSubject() == null) {
			chain.doFilter(request, response);
			return;
		}
		String userId = token.getToken().getSubject();
		request.setAttribute(USER_ID_ATTRIBUTE, userId);
		MDC.put(USER_ID_MDC, userId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(USER_ID_MDC);
		}
	}

}
