package com.example.tourbooking.site;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.tourbooking.ApiTestSupport;
import com.example.tourbooking.PostgresTestConfiguration;
import com.example.tourbooking.TourBookingApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on one PostgreSQL, as two pods behind the load balancer: a
 * page session started on one is valid on the other (Spring Session JDBC), signing in
 * issues a new session id, the cookie is Secure, HttpOnly and SameSite, and signing out
 * on one instance ends the session everywhere.
 */
class SessionReplicaTests extends ApiTestSupport {

	private final PageClient pages = new PageClient();

	@LocalServerPort
	private int firstPort;

	private ConfigurableApplicationContext secondInstance;

	private int secondPort;

	@BeforeEach
	void startSecondInstance() {
		this.secondInstance = new SpringApplicationBuilder(TourBookingApplication.class,
				PostgresTestConfiguration.class)
			.profiles("test")
			.run("--server.port=0", "--management.server.port=-1");
		this.secondPort = ((WebServerApplicationContext) this.secondInstance).getWebServer().getPort();
	}

	@AfterEach
	void stopSecondInstance() {
		this.secondInstance.close();
	}

	@Test
	void aSessionStartedOnOneInstanceIsServedByTheOtherUntilSignOut() throws Exception {
		Caller customer = customer();
		HttpResponse<String> loginPage = this.pages.get(this.firstPort, "/login", null);
		String anonymousSession = PageClient.sessionCookie(loginPage);

		HttpResponse<String> signedIn = this.pages.post(this.firstPort, "/login", anonymousSession, "email",
				customer.email(), "password", customer.password(), "_csrf", PageClient.csrf(loginPage));

		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/"));
		String session = PageClient.sessionCookie(signedIn);
		assertThat(session).as("a new session id on sign-in").isNotEqualTo(anonymousSession);
		assertThat(signedIn.headers().allValues("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("SESSION="))
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax"));
		assertThat(this.pages.get(this.firstPort, "/reservations", anonymousSession).statusCode())
			.as("the pre-sign-in session id is worthless")
			.isEqualTo(302);

		HttpResponse<String> onSecond = this.pages.get(this.secondPort, "/reservations", session);
		assertThat(onSecond.statusCode()).isEqualTo(200);
		assertThat(onSecond.body()).contains("My reservations", "<span class=\"who\">");

		HttpResponse<String> signedOut = this.pages.post(this.secondPort, "/logout", session, "_csrf",
				PageClient.csrf(onSecond));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(this.pages.get(this.firstPort, "/reservations", session).statusCode()).isEqualTo(302);
	}

	@Test
	void aFormFromOneInstanceIsAcceptedByTheOther() throws Exception {
		Caller customer = customer();
		HttpResponse<String> loginPage = this.pages.get(this.firstPort, "/login", null);
		String session = PageClient
			.sessionCookie(this.pages.post(this.secondPort, "/login", PageClient.sessionCookie(loginPage), "email",
					customer.email(), "password", customer.password(), "_csrf", PageClient.csrf(loginPage)));

		HttpResponse<String> page = this.pages.get(this.firstPort, "/reservations", session);
		HttpResponse<String> withoutToken = this.pages.post(this.secondPort, "/logout", session);
		HttpResponse<String> withToken = this.pages.post(this.secondPort, "/logout", session, "_csrf",
				PageClient.csrf(page));

		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(withToken.statusCode()).isEqualTo(302);
	}

}
