package com.example.tourbooking.user;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.example.tourbooking.system.AccountDirectory;
import com.example.tourbooking.system.SessionSignIns;

/**
 * Answers security's question "what role does this account have now?" from the users
 * table: one primary-key lookup per request made with a guide or admin token, and per
 * request of a signed-in page session.
 */
@Component
class UserAccountDirectory implements AccountDirectory, SessionSignIns {

	private final UserRepository users;

	UserAccountDirectory(UserRepository users) {
		this.users = users;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> currentRole(long userId) {
		return this.users.findRoleById(userId).map(Role::name);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Authentication> current(Authentication signedIn) {
		if (!(signedIn.getPrincipal() instanceof SessionUser user)) {
			return Optional.of(signedIn);
		}
		return this.users.findRoleById(user.id())
			.map((role) -> (role == user.role()) ? signedIn : user.withRole(role).authentication());
	}

}
