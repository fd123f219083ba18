package com.example.tourbooking.user;

import java.io.Serializable;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in user of a page session. It is stored in the session table (serialized),
 * so it holds only what pages need; its name is the user id, which is what the access and
 * business events record, never the email.
 *
 * @param id the user's id
 * @param displayName the name shown in the page header
 * @param role the role at sign-in
 */
public record SessionUser(long id, String displayName, Role role) implements AuthenticatedPrincipal, Serializable {

	@Override
	public String getName() {
		return Long.toString(this.id);
	}

	public CurrentUser currentUser() {
		return new CurrentUser(this.id, this.role);
	}

}
