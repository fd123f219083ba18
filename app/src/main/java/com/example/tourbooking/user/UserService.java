package com.example.tourbooking.user;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.system.TokenService;
import com.example.tourbooking.user.UserExceptions.AdminSignupForbiddenException;
import com.example.tourbooking.user.UserExceptions.BadCredentialsException;
import com.example.tourbooking.user.UserExceptions.EmailTakenException;
import com.example.tourbooking.user.UserExceptions.RoleChangeRefusedException;
import com.example.tourbooking.user.UserExceptions.UserNotFoundException;
import com.example.tourbooking.user.UserRequests.SignupRequest;
import com.example.tourbooking.user.UserResponses.TokenResponse;
import com.example.tourbooking.user.UserResponses.UserResponse;

/**
 * Sign-up, login and role management.
 */
@Service
@Transactional(readOnly = true)
class UserService {

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final TokenService tokens;

	private final UserEvents events;

	private final Clock clock;

	/** Compared against on unknown emails, so both login failures take the same time. */
	private final String timingDecoyHash;

	UserService(UserRepository users, PasswordEncoder passwordEncoder, TokenService tokens, UserEvents events,
			Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.tokens = tokens;
		this.events = events;
		this.clock = clock;
		this.timingDecoyHash = passwordEncoder.encode("timing-decoy-password");
	}

	@Transactional
	UserResponse signup(SignupRequest request, CurrentUser caller) {
		Role role = (request.role() != null) ? request.role() : Role.CUSTOMER;
		if (role == Role.ADMIN && (caller == null || !caller.isAdmin())) {
			throw AdminSignupForbiddenException.create();
		}
		String email = normalize(request.email());
		if (this.users.existsByEmail(email)) {
			throw EmailTakenException.create();
		}
		User user = new User(email, this.passwordEncoder.encode(request.password()), request.name().trim(), role,
				this.clock.instant());
		try {
			this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			// Another sign-up with the same email won the race.
			throw EmailTakenException.create();
		}
		this.events.signedUp(user);
		return UserResponse.of(user);
	}

	TokenResponse login(String email, String password) {
		UserResponse user = authenticate(email, password);
		TokenService.IssuedToken token = this.tokens.issue(user.id(), user.role().name());
		return TokenResponse.bearer(token.value(), token.expiresInSeconds());
	}

	/**
	 * Checks an email and password, for the API's token login and the site's sign-in.
	 */
	UserResponse authenticate(String email, String password) {
		User user = this.users.findByEmail(normalize(email)).orElse(null);
		if (user == null) {
			this.passwordEncoder.matches(password, this.timingDecoyHash);
			this.events.loginFailed(null, "unknown-email");
			throw BadCredentialsException.create();
		}
		if (!this.passwordEncoder.matches(password, user.getPasswordHash())) {
			this.events.loginFailed(user.getId(), "wrong-password");
			throw BadCredentialsException.create();
		}
		this.events.loggedIn(user);
		return UserResponse.of(user);
	}

	UserResponse find(long id) {
		return this.users.findById(id).map(UserResponse::of).orElseThrow(() -> UserNotFoundException.forId(id));
	}

	PageResponse<UserResponse> list(Pageable pageable) {
		return PageResponse.of(this.users.findAll(pageable), UserResponse::of);
	}

	@Transactional
	UserResponse changeRole(long id, Role role, CurrentUser caller) {
		if (id == caller.id()) {
			throw RoleChangeRefusedException.ownRole();
		}
		List<User> admins = this.users.lockAdmins();
		User user = this.users.findById(id).orElseThrow(() -> UserNotFoundException.forId(id));
		if (user.getRole() == Role.ADMIN && role != Role.ADMIN && admins.size() <= 1) {
			throw RoleChangeRefusedException.lastAdmin();
		}
		user.changeRole(role);
		return UserResponse.of(user);
	}

	private static String normalize(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

}
