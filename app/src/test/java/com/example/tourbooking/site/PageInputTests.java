package com.example.tourbooking.site;

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
 * itself (the search form, the language switch, the price preview). The seed is printed
 * and taken from {@code -Dpages.seed}.
 */
class PageInputTests extends ApiTestSupport {

	private static final String[] PAGES = { "/", "/tours/@@tour@@", "/reservations/quote", "/login", "/signup" };

	private static final String[] PARAMETERS = { "q", "region", "from", "to", "minPrice", "maxPrice", "page", "lang",
			"departureId", "headcount", "size", "sort", "error" };

	private static final String[] ODD_VALUES = { "", "%FF", "%FF%FE", "%C3", "%ED%A0%80", "%", "%G1", "%00", "%0D%0A",
			"1e999999", "-1e999999", "1e-999999", "0.001", "-0.01", "NaN", "Infinity", "99999999999999999999",
			"9223372036854775808", "-1", "0", "+999999999-12-31", "-999999999-01-01", "2026-02-30", "1999-12-31",
			"3000-01-01", "abc", "%E2%80%8B", "ko", "xx-%0d%0a", "en_US", "a".repeat(3000) };

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

	private static String query(Random random) {
		StringBuilder query = new StringBuilder();
		int count = random.nextInt(4);
		for (int i = 0; i < count; i++) {
			query.append((i == 0) ? '?' : '&')
				.append(PARAMETERS[random.nextInt(PARAMETERS.length)])
				.append('=')
				.append(value(random));
		}
		return query.toString();
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
