package com.example.tourbooking.user;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.tourbooking.Api;
import com.example.tourbooking.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up, login and user administration through the HTTP API, on PostgreSQL.
 */
class UserApiTests extends ApiTestSupport {

	@Test
	void signupCreatesACustomerAndNeverReturnsThePassword() {
		Api.Response response = this.api.post("/api/auth/signup",
				Map.of("email", "Ana@Example.com", "password", "s3cret-pass", "name", "Ana"), null);

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().path("email").asString()).isEqualTo("ana@example.com");
		assertThat(response.json().path("role").asString()).isEqualTo("CUSTOMER");
		assertThat(response.headers().firstValue("Location")).hasValue("/api/users/" + response.id());
		assertThat(response.body()).doesNotContain("s3cret-pass").doesNotContainIgnoringCase("hash");
	}

	@Test
	void signupWithATakenEmailIsAConflictWhateverItsCase() {
		this.api.post("/api/auth/signup", Map.of("email", "bo@example.com", "password", "first-pass", "name", "Bo"),
				null);

		Api.Response second = this.api.post("/api/auth/signup",
				Map.of("email", "BO@example.com", "password", "other-pass", "name", "Bo 2"), null);

		assertThat(second.status()).isEqualTo(409);
		assertThat(second.problemType()).isEqualTo(PROBLEMS + "email-taken");
		assertThat(this.data.count("users")).isEqualTo(1);
	}

	@Test
	void onlyAnAdminCanCreateAnAdmin() {
		Map<String, String> adminSignup = Map.of("email", "root@example.com", "password", "root-pass-1", "name", "Root",
				"role", "ADMIN");

		Api.Response anonymous = this.api.post("/api/auth/signup", adminSignup, null);
		Api.Response byCustomer = this.api.post("/api/auth/signup", adminSignup, customer().token());
		Api.Response byAdmin = this.api.post("/api/auth/signup", adminSignup, admin().token());

		assertThat(anonymous.status()).isEqualTo(403);
		assertThat(byCustomer.status()).isEqualTo(403);
		assertThat(byAdmin.status()).isEqualTo(201);
		assertThat(byAdmin.json().path("role").asString()).isEqualTo("ADMIN");
	}

	@Test
	void shortPasswordsAreRefused() {
		Api.Response response = this.api.post("/api/auth/signup",
				Map.of("email", "cy@example.com", "password", "short", "name", "Cy"), null);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.problemType()).isEqualTo(PROBLEMS + "validation-error");
		assertThat(response.json().path("errors").toString()).contains("password");
		assertThat(this.data.count("users")).isZero();
	}

	@Test
	void loginReturnsABearerTokenThatIdentifiesTheUser() {
		Caller customer = customer();

		Api.Response login = this.api.post("/api/auth/login",
				Map.of("email", customer.email(), "password", customer.password()), null);
		Api.Response me = this.api.get("/api/users/me", login.json().path("accessToken").asString());

		assertThat(login.json().path("tokenType").asString()).isEqualTo("Bearer");
		assertThat(login.json().path("expiresIn").asLong()).isEqualTo(3600);
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().path("email").asString()).isEqualTo(customer.email());
	}

	@Test
	void unknownEmailAndWrongPasswordGetTheSameAnswer() {
		Caller customer = customer();

		Api.Response wrongPassword = this.api.post("/api/auth/login",
				Map.of("email", customer.email(), "password", "not-the-password"), null);
		Api.Response unknownEmail = this.api.post("/api/auth/login",
				Map.of("email", "nobody@example.com", "password", "not-the-password"), null);

		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(unknownEmail.status()).isEqualTo(401);
		assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
	}

	@Test
	void aTamperedOrMissingTokenIsUnauthorized() {
		String token = customer().token();
		String tampered = token.substring(0, token.length() - 4) + "AAAA";

		assertThat(this.api.get("/api/users/me", null).status()).isEqualTo(401);
		Api.Response response = this.api.get("/api/users/me", tampered);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.problemType()).isEqualTo(PROBLEMS + "unauthorized");
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void adminsListUsersPageByPageAndChangeRoles() {
		Caller admin = admin();
		Caller customer = customer();
		customer();

		Api.Response page = this.api.get("/api/admin/users?page=0&size=2&sort=id,asc", admin.token());
		Api.Response promoted = this.api.put("/api/admin/users/" + customer.id() + "/role", Map.of("role", "GUIDE"),
				admin.token());
		Caller again = login(customer.email(), customer.password());

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().path("content").size()).isEqualTo(2);
		assertThat(page.json().path("totalElements").asLong()).isEqualTo(3);
		assertThat(promoted.json().path("role").asString()).isEqualTo("GUIDE");
		assertThat(createTour(again, "Promoted", "10.00", 5, 1).status()).isEqualTo(201);
	}

	@Test
	void customersCannotUseTheAdminApi() {
		Caller customer = customer();

		assertThat(this.api.get("/api/admin/users", customer.token()).status()).isEqualTo(403);
		Api.Response selfPromotion = this.api.put("/api/admin/users/" + customer.id() + "/role",
				Map.of("role", "ADMIN"), customer.token());
		assertThat(selfPromotion.status()).isEqualTo(403);
		assertThat(selfPromotion.problemType()).isEqualTo(PROBLEMS + "forbidden");
	}

	@Test
	void changingTheRoleOfAnUnknownUserIsNotFound() {
		Api.Response response = this.api.put("/api/admin/users/999999/role", Map.of("role", "GUIDE"), admin().token());

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.problemType()).isEqualTo(PROBLEMS + "not-found");
	}

}
