package com.example.tourbooking.system.web;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.example.tourbooking.system.PageFormats;
import com.example.tourbooking.system.SessionSignIns;
import com.example.tourbooking.system.WebSliceConfiguration;
import com.example.tourbooking.user.Role;
import com.example.tourbooking.user.SessionUser;

/**
 * The production page security chain, error pages, locale handling and formats for
 * {@code @WebMvcTest} slices of page controllers, beside the API's chain; slices supply
 * the sign-in provider (the real one in the user slice, a mock elsewhere).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ WebSliceConfiguration.class, WebSecurityConfiguration.class, WebConfiguration.class, PageFormats.class,
		PageVisitor.class, ErrorPageController.class })
public class PageSliceConfiguration {

	/** The policy every page is served with. */
	public static final String CONTENT_SECURITY_POLICY = WebSecurityConfiguration.CONTENT_SECURITY_POLICY;

	/**
	 * Slices have no users table: a signed-in request keeps the account it was made with.
	 * Role changes and deletions are tested against the database in
	 * {@code SessionRoleTests}.
	 */
	@Bean
	SessionSignIns unchangedAccounts() {
		return Optional::of;
	}

	/**
	 * A request signed in to the site as the page session would hold it.
	 * @param id the user's id
	 * @param role the user's role
	 * @return the post-processor to pass to {@code with(...)}
	 */
	public static RequestPostProcessor signedIn(long id, Role role) {
		return SecurityMockMvcRequestPostProcessors.authentication(UsernamePasswordAuthenticationToken.authenticated(
				new SessionUser(id, "User " + id, role), null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
	}

}
