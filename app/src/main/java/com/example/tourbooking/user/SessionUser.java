package com.example.tourbooking.user;

import java.io.Serializable;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The signed-in user of a page session. It is stored in the session table (serialized),
 * so it holds only what pages need; its name is the user id, which is what the access and
 * business events record, never the email.
 *
 * @param id the user's id
 * @param displayName the name shown in the page header
 * @param role the account's role, as last read from the database
 */
public record SessionUser(long id, String displayName, Role role) implements AuthenticatedPrincipal, Serializable {

	@Override
	public String getName() {
		return Long.toString(this.id);
	}

	/** The page session's sign-in, with the role as its one authority. */
	Authentication authentication() {
		return UsernamePasswordAuthenticationToken.authenticated(this, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + this.role.name())));
	}

	SessionUser withRole(Role role) {
		return new SessionUser(this.id, this.displayName, role);
	}

	public CurrentUser currentUser() {
		return new CurrentUser(this.id, this.role);
	}

}
