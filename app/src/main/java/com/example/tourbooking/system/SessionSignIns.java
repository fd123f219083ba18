package com.example.tourbooking.system;

import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * Where the site's security chain asks for a page session's sign-in as the account is
 * now, so that a role change or a deleted account applies at the session's next request,
 * as {@link AccountDirectory} does for bearer tokens. Implemented by the user feature.
 */
public interface SessionSignIns {

	/**
	 * @param signedIn the sign-in kept in the session
	 * @return the sign-in to use for this request (the same object when the account is
	 * unchanged), or empty when the account no longer exists
	 */
	Optional<Authentication> current(Authentication signedIn);

}
