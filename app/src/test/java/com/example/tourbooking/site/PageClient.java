package com.example.tourbooking.site;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks to the site as a browser does, without one: HTML requests, the session cookie
 * carried by hand ({@code java.net.CookieManager} keeps Secure cookies off plain HTTP),
 * redirects not followed, form posts with the page's CSRF token.
 */
final class PageClient {

	private static final Pattern SESSION_COOKIE = Pattern.compile("SESSION=([^;]+)");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	HttpResponse<String> get(int port, String path, String session) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/html");
		if (session != null) {
			request.header("Cookie", "SESSION=" + session);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(int port, String path, String session, String... form)
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

	/**
	 * Posts a form body as given, already encoded (or deliberately not), with the
	 * session.
	 */
	HttpResponse<String> postRaw(int port, String path, String session, String body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.header("Cookie", "SESSION=" + session)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Signs in with the form, as a browser would after opening the sign-in page.
	 * @return the signed-in session's cookie value
	 */
	String signIn(int port, String email, String password) throws IOException, InterruptedException {
		HttpResponse<String> loginPage = get(port, "/login", null);
		HttpResponse<String> signedIn = post(port, "/login", sessionCookie(loginPage), "email", email, "password",
				password, "_csrf", csrf(loginPage));
		assertThat(signedIn.statusCode()).as("sign-in redirects").isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).as("sign-in succeeded")
			.hasValueSatisfying((to) -> assertThat(to).doesNotContain("error", "throttled"));
		return sessionCookie(signedIn);
	}

	static String sessionCookie(HttpResponse<String> response) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		for (String cookie : cookies) {
			Matcher session = SESSION_COOKIE.matcher(cookie);
			if (session.lookingAt()) {
				return session.group(1);
			}
		}
		throw new AssertionError("no SESSION cookie in " + cookies);
	}

	static String csrf(HttpResponse<String> page) {
		Matcher token = CSRF.matcher(page.body());
		assertThat(token.find()).as("a CSRF token in the page").isTrue();
		return token.group(1);
	}

}
