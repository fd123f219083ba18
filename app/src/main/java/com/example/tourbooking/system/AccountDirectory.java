package com.example.tourbooking.system;

import java.util.Optional;

/**
 * Where security asks for an account's current role, so that authorization follows the
 * database rather than the role written into a token when it was issued. Implemented by
 * the user feature.
 */
public interface AccountDirectory {

	/**
	 * @param userId the token's subject
	 * @return the role the account has now, or empty when it no longer exists
	 */
	Optional<String> currentRole(long userId);

}
