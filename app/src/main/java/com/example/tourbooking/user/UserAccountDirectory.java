package com.example.tourbooking.user;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.example.tourbooking.system.AccountDirectory;

/**
 * Answers security's question "what role does this account have now?" from the users
 * table: one primary-key lookup per request made with a guide or admin token.
 */
@Component
class UserAccountDirectory implements AccountDirectory {

	private final UserRepository users;

	UserAccountDirectory(UserRepository users) {
		this.users = users;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> currentRole(long userId) {
		return this.users.findRoleById(userId).map(Role::name);
	}

}
