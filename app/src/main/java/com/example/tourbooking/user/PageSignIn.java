package com.example.tourbooking.user;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import com.example.tourbooking.system.ApiException;
import com.example.tourbooking.system.TooManyRequestsException;
import com.example.tourbooking.user.UserResponses.UserResponse;

/**
 * Checks the sign-in form's email and password with the same service the API's login uses
 * (same hashing, timing decoy and login events), and turns the user into a session
 * principal.
 */
@Component
class PageSignIn implements AuthenticationProvider {

	private final UserService users;

	private final LoginThrottle throttle;

	PageSignIn(UserService users, LoginThrottle throttle) {
		this.users = users;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String email = String.valueOf(authentication.getName());
		Object credentials = authentication.getCredentials();
		if (email.isBlank() || credentials == null || credentials.toString().isEmpty()) {
			throw new BadCredentialsException("Wrong email or password");
		}
		String clientAddress = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : "unknown";
		UserResponse user;
		try {
			// The API's login throttle, per client address and per account.
			this.throttle.beforeLogin(email, clientAddress);
		}
		catch (TooManyRequestsException ex) {
			throw new SignInThrottledException(ex.getMessage());
		}
		try {
			user = this.users.authenticate(email, credentials.toString());
		}
		catch (ApiException ex) {
			this.throttle.loginFailed(email);
			throw new BadCredentialsException(ex.getMessage());
		}
		return new SessionUser(user.id(), user.name(), user.role()).authentication();
	}

	/** Too many sign-in attempts: the form says so instead of "wrong password". */
	public static final class SignInThrottledException extends AuthenticationException {

		private static final long serialVersionUID = 1L;

		SignInThrottledException(String message) {
			super(message);
		}

	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
