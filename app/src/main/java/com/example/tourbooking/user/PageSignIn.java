package com.example.tourbooking.user;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import com.example.tourbooking.system.ApiException;
import com.example.tourbooking.user.UserResponses.UserResponse;

/**
 * Checks the sign-in form's email and password with the same service the API's login uses
 * (same hashing, timing decoy and login events), and turns the user into a session
 * principal.
 */
@Component
class PageSignIn implements AuthenticationProvider {

	private final UserService users;

	PageSignIn(UserService users) {
		this.users = users;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String email = String.valueOf(authentication.getName());
		Object credentials = authentication.getCredentials();
		if (email.isBlank() || credentials == null || credentials.toString().isEmpty()) {
			throw new BadCredentialsException("Wrong email or password");
		}
		UserResponse user;
		try {
			user = this.users.authenticate(email, credentials.toString());
		}
		catch (ApiException ex) {
			throw new BadCredentialsException(ex.getMessage());
		}
		SessionUser principal = new SessionUser(user.id(), user.name(), user.role());
		return UsernamePasswordAuthenticationToken.authenticated(principal, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
