package com.example.tourbooking.site;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * on one instance ends the session everywhere. Cookies are handled by hand, as a browser
 * would, because {@code java.net.CookieManager} keeps Secure cookies off plain HTTP.
 */
class SessionReplicaTests extends ApiTestSupport {

	private static final Pattern SESSION_COOKIE = Pattern.compile("SESSION=([^;]+)");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

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
		HttpResponse<String> loginPage = get(this.firstPort, "/login", null);
		String anonymousSession = sessionCookie(loginPage);

		HttpResponse<String> signedIn = post(this.firstPort, "/login", anonymousSession, "email", customer.email(),
				"password", customer.password(), "_csrf", csrf(loginPage));

		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/"));
		String session = sessionCookie(signedIn);
		assertThat(session).as("a new session id on sign-in").isNotEqualTo(anonymousSession);
		assertThat(signedIn.headers().allValues("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("SESSION="))
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax"));
		assertThat(get(this.firstPort, "/reservations", anonymousSession).statusCode())
			.as("the pre-sign-in session id is worthless")
			.isEqualTo(302);

		HttpResponse<String> onSecond = get(this.secondPort, "/reservations", session);
		assertThat(onSecond.statusCode()).isEqualTo(200);
		assertThat(onSecond.body()).contains("My reservations", "<span class=\"who\">");

		HttpResponse<String> signedOut = post(this.secondPort, "/logout", session, "_csrf", csrf(onSecond));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(get(this.firstPort, "/reservations", session).statusCode()).isEqualTo(302);
	}

	@Test
	void aFormFromOneInstanceIsAcceptedByTheOther() throws Exception {
		Caller customer = customer();
		HttpResponse<String> loginPage = get(this.firstPort, "/login", null);
		String session = sessionCookie(post(this.secondPort, "/login", sessionCookie(loginPage), "email",
				customer.email(), "password", customer.password(), "_csrf", csrf(loginPage)));

		HttpResponse<String> page = get(this.firstPort, "/reservations", session);
		HttpResponse<String> withoutToken = post(this.secondPort, "/logout", session);
		HttpResponse<String> withToken = post(this.secondPort, "/logout", session, "_csrf", csrf(page));

		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(withToken.statusCode()).isEqualTo(302);
	}

	private HttpResponse<String> get(int port, String path, String session) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/html");
		if (session != null) {
			request.header("Cookie", "SESSION=" + session);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(int port, String path, String session, String... form)
			throws IOException, InterruptedException {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < form.length; i += 2) {
			body.append((i > 0) ? "&" : "")
				.append(form[i])
				.append('=')
				.append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "SESSION=" + session)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String sessionCookie(HttpResponse<String> response) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		for (String cookie : cookies) {
			Matcher session = SESSION_COOKIE.matcher(cookie);
			if (session.lookingAt()) {
				return session.group(1);
			}
		}
		throw new AssertionError("no SESSION cookie in " + cookies);
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher token = CSRF.matcher(page.body());
		assertThat(token.find()).as("a CSRF token in the page").isTrue();
		return token.group(1);
	}

}
