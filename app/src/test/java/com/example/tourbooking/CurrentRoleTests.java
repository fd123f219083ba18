package com.example.tourbooking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization follows the database, not the token: a demoted or deleted admin or guide
 * loses its power at once; admins cannot change their own role nor remove the last admin;
 * tokens must expire; an old token never locks a client out of the public endpoints.
 */
class CurrentRoleTests extends ApiTestSupport {

	@Autowired
	private JwtEncoder encoder;

	@Test
	void aDemotedAdminLosesAdminPowerWithTheSameToken() {
		Caller demoted = admin();
		Caller other = admin();

		Api.Response demotion = this.api.put("/api/admin/users/" + demoted.id() + "/role", Map.of("role", "CUSTOMER"),
				other.token());

		assertThat(demotion.status()).as(demotion.body()).isEqualTo(200);
		assertThat(this.api.get("/api/admin/users", demoted.token()).status()).isEqualTo(403);
		assertThat(this.api.put("/api/admin/users/" + demoted.id() + "/role", Map.of("role", "ADMIN"), demoted.token())
			.status()).isEqualTo(403);
		Api.Response newAdmin = this.api.post("/api/auth/signup",
				Map.of("email", "new-admin@example.com", "password", "password-1", "name", "N", "role", "ADMIN"),
				demoted.token());
		assertThat(newAdmin.status()).isEqualTo(403);
		assertThat(this.data.count("users")).isEqualTo(2);
	}

	@Test
	void aDemotedGuideCanNoLongerManageTours() {
		Caller guide = guide();
		Api.Response tour = createTour(guide, "Mine", "10.00", 5, 1);
		Caller admin = admin();

		this.api.put("/api/admin/users/" + guide.id() + "/role", Map.of("role", "CUSTOMER"), admin.token());

		assertThat(this.api.delete("/api/tours/" + tour.id(), guide.token()).status()).isEqualTo(403);
		assertThat(this.api.get("/api/tours/" + tour.id(), null).status()).isEqualTo(200);
	}

	@Test
	void aDeletedAccountsPrivilegedTokenIsRefused() {
		Caller guide = guide();
		this.data.deleteUser(guide.id());

		Api.Response response = this.api.post("/api/tours", Map.of("title", "T", "description", "D", "region", "R",
				"pricePerPerson", "10.00", "departures", List.of()), guide.token());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.problemType()).isEqualTo(PROBLEMS + "unauthorized");
		assertThat(this.data.count("tours")).isZero();
	}

	@Test
	void anAdminCannotChangeItsOwnRole() {
		Caller admin = admin();

		Api.Response response = this.api.put("/api/admin/users/" + admin.id() + "/role", Map.of("role", "CUSTOMER"),
				admin.token());

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.problemType()).isEqualTo(PROBLEMS + "role-change-refused");
		assertThat(this.api.get("/api/admin/users", admin.token()).status()).isEqualTo(200);
	}

	@Test
	void adminsDemotingEachOtherAtOnceAlwaysLeaveAnAdmin() {
		for (int round = 0; round < 5; round++) {
			this.data.wipe();
			Caller first = admin();
			Caller second = admin();

			CompletableFuture<Api.Response> one = CompletableFuture.supplyAsync(() -> this.api
				.put("/api/admin/users/" + second.id() + "/role", Map.of("role", "CUSTOMER"), first.token()));
			CompletableFuture<Api.Response> two = CompletableFuture.supplyAsync(() -> this.api
				.put("/api/admin/users/" + first.id() + "/role", Map.of("role", "CUSTOMER"), second.token()));

			List<Integer> statuses = new ArrayList<>(List.of(one.join().status(), two.join().status()));
			assertThat(statuses).as("round " + round).contains(200).doesNotContain(500);
			assertThat(this.data.countAdmins()).as("round " + round).isEqualTo(1);
		}
	}

	@Test
	void tokensWithoutExpiryOrPastTheClockSkewAreRefused() {
		Caller customer = customer();
		Instant now = Instant.now();

		assertThat(this.api.get("/api/users/me", token(customer.id(), now.minusSeconds(60), null)).status())
			.isEqualTo(401);
		assertThat(this.api.get("/api/users/me", token(customer.id(), now.minusSeconds(600), now.minusSeconds(60)))
			.status()).isEqualTo(401);
		assertThat(this.api.get("/api/users/me", token(customer.id(), now.minusSeconds(600), now.minusSeconds(5)))
			.status()).as("within the 30 s clock skew").isEqualTo(200);
	}

	@Test
	void anExpiredOrForgedTokenDoesNotLockAClientOutOfPublicEndpoints() {
		Caller customer = customer();
		Instant now = Instant.now();
		String expired = token(customer.id(), now.minusSeconds(7200), now.minusSeconds(3600));

		for (String stale : List.of(expired, "not-a-jwt", customer.token() + "x")) {
			Api.Response login = this.api.post("/api/auth/login",
					Map.of("email", customer.email(), "password", customer.password()), stale);
			assertThat(login.status()).as(login.body()).isEqualTo(200);
			assertThat(this.api.get("/api/tours", stale).status()).isEqualTo(200);
			assertThat(
					this.api
						.post("/api/auth/signup", Map.of("email", "x" + stale.length() + "@example.com", "password",
								"password-1", "name", "N"), stale)
						.status())
				.isEqualTo(201);
			assertThat(this.api.get("/api/users/me", stale).status()).isEqualTo(401);
		}
	}

	private String token(long userId, Instant issuedAt, Instant expiresAt) {
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer("tour-booking")
			.subject(Long.toString(userId))
			.issuedAt(issuedAt)
			.claim("role", "CUSTOMER");
		if (expiresAt != null) {
			claims.expiresAt(expiresAt);
		}
		return this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}

}
