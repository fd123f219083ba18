package com.example.tourbooking.user;

import org.springframework.security.oauth2.jwt.Jwt;

import com.example.tourbooking.system.TokenService;

/**
 * The authenticated caller, read from the verified access token: what features need to
 * decide ownership without loading the user.
 *
 * @param id the user's id (token subject)
 * @param role the role the token was issued for
 */
public record CurrentUser(long id, Role role) {

	public static CurrentUser of(Jwt jwt) {
		return new CurrentUser(Long.parseLong(jwt.getSubject()),
				Role.valueOf(jwt.getClaimAsString(TokenService.ROLE_CLAIM)));
	}

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

}
