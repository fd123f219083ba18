package com.example.tourbooking.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.example.tourbooking.system.BusinessEvents;

/**
 * Logs sign-ups and logins as business events. Never logs an email or a password: the
 * user id and a reason code say enough.
 */
@Component
class UserEvents {

	private static final Logger log = LoggerFactory.getLogger(UserEvents.class);

	void signedUp(User user) {
		log.info(BusinessEvents.event("user-signed-up", "success", "user.target.id", String.valueOf(user.getId()),
				"user.roles", user.getRole().name()), "User {} signed up as {}", user.getId(), user.getRole());
	}

	void loggedIn(User user) {
		log.info(BusinessEvents.event("login-succeeded", "success", "user.id", String.valueOf(user.getId())),
				"User {} logged in", user.getId());
	}

	void loginFailed(Long userId, String reason) {
		log.info(BusinessEvents.event("login-failed", "failure", "event.reason", reason, "user.id",
				(userId != null) ? String.valueOf(userId) : null), "Login refused: {}", reason);
	}

}
