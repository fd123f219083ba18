package com.example.tourbooking.site;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.example.tourbooking.ApiTestSupport;
import com.example.tourbooking.fuzz.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages under generated query strings: every parameter the pages read (and
 * some they do not) with values that are valid, out of range, undecodable or not numbers
 * at all, sent as raw bytes. None may answer 5xx: a bad value is a 4xx page or a form
 * error. The HTTP fuzzer covers the API's operations; this covers what the site binds
 * itself (the search form, the language switch, the price preview) and every form the
 * site posts (signed in as a guide, with a valid CSRF token), under their names and under
 * property paths into them ({@code from.year}, {@code date[0]}). The seed is printed and
 * taken from {@code -Dpages.seed}.
 */
class PageInputTests extends ApiTestSupport {

	private static final String[] PAGES = { "/", "/tours/@@tour@@", "/reservations/quote", "/login", "/signup" };

	private static final String[] PARAMETERS = { "q", "region", "from", "to", "minPrice", "maxPrice", "page", "lang",
			"departureId", "headcount", "size", "sort", "error", "class" };

	/**
	 * Property paths a data binder might follow: nested, indexed, into the form's values.
	 */
	private static final String[] PATH_SUFFIXES = { ".year", ".scale", "[0]", "[]", "['x']", ".module.classLoader",
			".class.name", ".bytes", "." };

	private static final String[] ODD_VALUES = { "", "%FF", "%FF%FE", "%C3", "%ED%A0%80", "%", "%G1", "%00", "%0D%0A",
			"1e999999", "-1e999999", "1e-999999", "0.001", "-0.01", "NaN", "Infinity", "99999999999999999999",
			"9223372036854775808", "-1", "0", "+999999999-12-31", "-999999999-01-01", "2026-02-30", "1999-12-31",
			"3000-01-01", "abc", "%E2%80%8B", "ko", "xx-%0d%0a", "en_US", "a".repeat(3000) };

	/** Each form of the site: who posts it, where, and its fields. */
	private static final String[][] FORMS = { { "anonymous", "/signup", "name", "email", "password", "role" },
			{ "guide", "/guide/tours", "title", "description", "region", "pricePerPerson" },
			{ "guide", "/guide/tours/@@tour@@", "title", "description", "region", "pricePerPerson" },
			{ "guide", "/guide/tours/@@tour@@/departures", "date", "capacity" },
			{ "customer", "/reservations", "departureId", "headcount" } };

	private final PageClient pages = new PageClient();

	@LocalServerPort
	private int port;

	@Test
	void noGeneratedQueryMakesAPageFail() {
		long seed = Long.getLong("pages.seed", new Random().nextLong());
		System.out.println("page inputs: seed " + seed + " (-Dpages.seed=" + seed + " replays it)");
		Random random = new Random(seed);
		long tour = createTour(guide(), "Walk", "20.00", 5, 1).id();
		RawHttp http = new RawHttp(this.port);
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			String target = PAGES[random.nextInt(PAGES.length)].replace("@@tour@@", Long.toString(tour))
					+ query(random);
			RawHttp.Response response = http.send("GET", target,
					List.of(Map.entry("Accept", "text/html".getBytes(StandardCharsets.ISO_8859_1))), null);
			if (response.status() >= 500) {
				failures.add(response.status() + " for " + target.substring(0, Math.min(200, target.length())));
			}
		}
		assertThat(failures).as("seed " + seed).isEmpty();
	}

	@Test
	void noGeneratedFormMakesAPageFail() throws Exception {
		long seed = Long.getLong("pages.seed", new Random().nextLong());
		System.out.println("form inputs: seed " + seed + " (-Dpages.seed=" + seed + " replays it)");
		Random random = new Random(seed);
		Caller guide = guide();
		Caller customer = customer();
		long tour = createTour(guide, "Walk", "20.00", 5, 1).id();
		HttpResponse<String> signUpPage = this.pages.get(this.port, "/signup", null);
		Map<String, String[]> sessions = Map.of("anonymous",
				new String[] { PageClient.sessionCookie(signUpPage), PageClient.csrf(signUpPage) }, "guide",
				signedIn(guide), "customer", signedIn(customer));
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			String[] form = FORMS[random.nextInt(FORMS.length)];
			String[] session = sessions.get(form[0]);
			String path = form[1].replace("@@tour@@", Long.toString(tour));
			StringBuilder body = new StringBuilder("_csrf=").append(session[1]);
			int count = random.nextInt(5);
			for (int field = 0; field < count; field++) {
				String name = form[2 + random.nextInt(form.length - 2)];
				if (random.nextInt(3) == 0) {
					name += PATH_SUFFIXES[random.nextInt(PATH_SUFFIXES.length)];
				}
				body.append('&').append(name).append('=').append(value(random));
			}
			HttpResponse<String> response = this.pages.postRaw(this.port, path, session[0], body.toString());
			if (response.statusCode() >= 500) {
				failures.add(response.statusCode() + " for POST " + path + " "
						+ body.substring(0, Math.min(200, body.length())));
			}
		}
		assertThat(failures).as("seed " + seed).isEmpty();
	}

	/**
	 * A signed-in page session and its CSRF token (from the sign-out form of the layout).
	 */
	private String[] signedIn(Caller user) throws Exception {
		String session = this.pages.signIn(this.port, user.email(), user.password());
		return new String[] { session, PageClient.csrf(this.pages.get(this.port, "/", session)) };
	}

	private static String query(Random random) {
		StringBuilder query = new StringBuilder();
		int count = random.nextInt(4);
		for (int i = 0; i < count; i++) {
			query.append((i == 0) ? '?' : '&').append(name(random)).append('=').append(value(random));
		}
		return query.toString();
	}

	private static String name(Random random) {
		String name = PARAMETERS[random.nextInt(PARAMETERS.length)];
		return (random.nextInt(4) == 0) ? name + PATH_SUFFIXES[random.nextInt(PATH_SUFFIXES.length)] : name;
	}

	private static String value(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> ODD_VALUES[random.nextInt(ODD_VALUES.length)];
			case 1 -> Long.toString(random.nextLong() >> random.nextInt(63));
			case 2 -> random.nextInt(100000) + "." + random.nextInt(1000) + "e" + (random.nextInt(40) - 20);
			default -> String.format("%04d-%02d-%02d", random.nextInt(10000), random.nextInt(14), random.nextInt(33));
		};
	}

}
