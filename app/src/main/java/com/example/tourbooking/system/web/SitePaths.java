package com.example.tourbooking.system.web;

import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which requests belong to the JSON API (and its docs and probes) and which to the web
 * site: one definition for the security chains and the error handling.
 */
final class SitePaths {

	/** Everything the stateless API chain serves; every other path is a page. */
	static final String[] API = { "/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/livez",
			"/readyz", "/actuator/**" };

	/** The header the site's script sends when it wants a fragment instead of a page. */
	static final String FRAGMENT_HEADER = "X-Requested-With";

	private SitePaths() {
	}

	static RequestMatcher api() {
		RequestMatcher[] matchers = new RequestMatcher[API.length];
		for (int i = 0; i < API.length; i++) {
			matchers[i] = PathPatternRequestMatcher.withDefaults().matcher(API[i]);
		}
		return new OrRequestMatcher(matchers);
	}

}
