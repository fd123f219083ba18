package com.example.tourbooking.system;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified token into the caller's authentication, with the role the account has
 * in the database now when the token claims a privileged one: a demoted guide or admin
 * loses its power at once, a deleted one is refused. Runs after signature verification
 * (and after any cache of verified tokens), once per request. Customer tokens are taken
 * as they are: they grant nothing a customer account could not do anyway.
 */
class CurrentRoleJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	/** Roles whose tokens are checked against the database on every request. */
	static final Set<String> PRIVILEGED = Set.of("GUIDE", "ADMIN");

	private final AccountDirectory accounts;

	CurrentRoleJwtConverter(AccountDirectory accounts) {
		this.accounts = accounts;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		String claimed = jwt.getClaimAsString(TokenService.ROLE_CLAIM);
		long userId = subject(jwt);
		if (claimed == null) {
			throw invalid("The token carries no role.");
		}
		Jwt current = jwt;
		if (PRIVILEGED.contains(claimed)) {
			Optional<String> role = this.accounts.currentRole(userId);
			if (role.isEmpty()) {
				throw invalid("The account of this token no longer exists.");
			}
			if (!role.get().equals(claimed)) {
				current = Jwt.withTokenValue(jwt.getTokenValue())
					.headers((headers) -> headers.putAll(jwt.getHeaders()))
					.claims((claims) -> {
						claims.putAll(jwt.getClaims());
						claims.put(TokenService.ROLE_CLAIM, role.get());
					})
					.build();
			}
		}
		String role = current.getClaimAsString(TokenService.ROLE_CLAIM);
		return new JwtAuthenticationToken(current, List.of(new SimpleGrantedAuthority("ROLE_" + role)),
				current.getSubject());
	}

	private static long subject(Jwt jwt) {
		try {
			return Long.parseLong(jwt.getSubject());
		}
		catch (NumberFormatException ex) {
			throw invalid("The token's subject is not a user id.");
		}
	}

	private static InvalidBearerTokenException invalid(String description) {
		return new InvalidBearerTokenException(description);
	}

}
