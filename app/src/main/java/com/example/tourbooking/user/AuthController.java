package com.example.tourbooking.user;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.tourbooking.user.UserExceptions.BadCredentialsException;
import com.example.tourbooking.user.UserRequests.LoginRequest;
import com.example.tourbooking.user.UserRequests.SignupRequest;
import com.example.tourbooking.user.UserResponses.TokenResponse;
import com.example.tourbooking.user.UserResponses.UserResponse;

/**
 * Sign-up and login: the only endpoints that take a password.
 */
@RestController
@RequestMapping("/api/auth")
class AuthController {

	private final UserService users;

	private final LoginThrottle throttle;

	AuthController(UserService users, LoginThrottle throttle) {
		this.users = users;
		this.throttle = throttle;
	}

	@PostMapping("/signup")
	ResponseEntity<UserResponse> signup(@Valid @RequestBody SignupRequest request, @AuthenticationPrincipal Jwt caller,
			HttpServletRequest http) {
		// The client address is the peer's, or the X-Forwarded-For entry added by a
		// trusted proxy (server.tomcat.remoteip.internal-proxies): Tomcat's
		// RemoteIpValve.
		this.throttle.beforeSignup(http.getRemoteAddr());
		UserResponse user = this.users.signup(request, (caller != null) ? CurrentUser.of(caller) : null);
		return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/users/" + user.id())).body(user);
	}

	@PostMapping("/login")
	TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		this.throttle.beforeLogin(request.email(), http.getRemoteAddr());
		try {
			return this.users.login(request.email(), request.password());
		}
		catch (BadCredentialsException ex) {
			this.throttle.loginFailed(request.email());
			throw ex;
		}
	}

}
