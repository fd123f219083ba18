package com.example.tourbooking.site;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.example.tourbooking.Api;
import com.example.tourbooking.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Page sessions follow the database as bearer tokens do ({@code CurrentRoleTests}): a
 * guide or admin demoted while signed in loses its pages and its power at the next
 * request, a promoted user gains them without signing in again, and the session of a
 * deleted account ends. The roles are changed through the API, by another admin, while
 * the session stays open.
 */
class SessionRoleTests extends ApiTestSupport {

	private final PageClient pages = new PageClient();

	@LocalServerPort
	private int port;

	@Test
	void aGuideDemotedWhileSignedInLosesTheGuidePagesAtTheNextRequest() throws Exception {
		Caller guide = guide();
		Api.Response tour = createTour(guide, "Mine", "10.00", 5, 1);
		String session = this.pages.signIn(this.port, guide.email(), guide.password());
		HttpResponse<String> myTours = this.pages.get(this.port, "/guide/tours", session);
		assertThat(myTours.statusCode()).isEqualTo(200);

		changeRole(guide, "CUSTOMER");

		assertThat(this.pages.get(this.port, "/guide/tours", session).statusCode()).isEqualTo(403);
		HttpResponse<String> delete = this.pages.post(this.port, "/guide/tours/" + tour.id() + "/delete", session,
				"_csrf", PageClient.csrf(myTours));
		assertThat(delete.statusCode()).isEqualTo(403);
		assertThat(this.data.count("tours")).isEqualTo(1);
		assertThat(this.pages.get(this.port, "/reservations", session).statusCode())
			.as("still signed in, as a customer")
			.isEqualTo(200);
	}

	@Test
	void anAdminDemotedWhileSignedInCannotRestoreItsRole() throws Exception {
		Caller demoted = admin();
		String session = this.pages.signIn(this.port, demoted.email(), demoted.password());
		HttpResponse<String> users = this.pages.get(this.port, "/admin/users", session);
		assertThat(users.statusCode()).isEqualTo(200);

		changeRole(demoted, "CUSTOMER");

		HttpResponse<String> promoteSelf = this.pages.post(this.port, "/admin/users/" + demoted.id() + "/role", session,
				"role", "ADMIN", "_csrf", PageClient.csrf(users));
		assertThat(promoteSelf.statusCode()).isEqualTo(403);
		assertThat(this.data.countAdmins()).as("only the admin who demoted it").isEqualTo(1);
	}

	@Test
	void aCustomerPromotedWhileSignedInGetsTheGuidePagesWithoutSigningInAgain() throws Exception {
		Caller customer = customer();
		String session = this.pages.signIn(this.port, customer.email(), customer.password());
		assertThat(this.pages.get(this.port, "/guide/tours", session).statusCode()).isEqualTo(403);

		changeRole(customer, "GUIDE");

		assertThat(this.pages.get(this.port, "/guide/tours", session).statusCode()).isEqualTo(200);
		assertThat(this.pages.get(this.port, "/guide/tours/new", session).statusCode()).isEqualTo(200);
	}

	@Test
	void theSessionOfADeletedAccountEnds() throws Exception {
		Caller customer = customer();
		String session = this.pages.signIn(this.port, customer.email(), customer.password());
		assertThat(this.pages.get(this.port, "/reservations", session).statusCode()).isEqualTo(200);

		this.data.deleteUser(customer.id());

		HttpResponse<String> reservations = this.pages.get(this.port, "/reservations", session);
		assertThat(reservations.statusCode()).isEqualTo(302);
		assertThat(reservations.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		HttpResponse<String> home = this.pages.get(this.port, "/", session);
		assertThat(home.statusCode()).as("public pages still open, anonymously").isEqualTo(200);
		assertThat(home.body()).doesNotContain("<span class=\"who\">");
	}

	private void changeRole(Caller user, String role) {
		Caller admin = admin();
		Api.Response change = this.api.put("/api/admin/users/" + user.id() + "/role", Map.of("role", role),
				admin.token());
		assertThat(change.status()).as(change.body()).isEqualTo(200);
	}

}
