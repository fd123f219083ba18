package com.example.tourbooking.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.tourbooking.Api;
import com.example.tourbooking.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every finding kept in {@code fuzz/regressions.tsv} (the issue's probe and what
 * the fuzzer found since) as raw bytes: each must stay a 4xx problem that changes
 * nothing.
 */
class FuzzRegressionTests extends ApiTestSupport {

	private static final Pattern REPEAT = Pattern.compile("\\{(\\d+) x (.)\\}");

	private Map<String, String> fill;

	@BeforeEach
	void arrange() {
		Caller guide = guide();
		Api.Response tour = createTour(guide, "Existing", "10.00", 5, 1);
		this.fill = Map.of("{customer}", customer().token(), "{guide}", guide.token(), "{tour}",
				Long.toString(tour.id()), "{departure}", Long.toString(firstDeparture(tour)));
	}

	static Stream<String> findings() throws IOException {
		try (InputStream in = FuzzRegressionTests.class.getResourceAsStream("/fuzz/regressions.tsv")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.toList()
				.stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("findings")
	void aFindingStaysFixed(String finding) {
		String[] columns = finding.split("\t", -1);
		List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
		if (!columns[2].isEmpty()) {
			for (String header : columns[2].split(" \\| ")) {
				int colon = header.indexOf(": ");
				headers.add(Map.entry(header.substring(0, colon), decode(header.substring(colon + 2))));
			}
		}
		byte[] body = columns[3].isEmpty() ? null : decode(columns[3]);
		long users = this.data.count("users");
		long tours = this.data.count("tours");
		long reservations = this.data.count("reservations");

		RawHttp.Response response = new RawHttp(this.api.port()).send(columns[0],
				new String(decode(columns[1]), StandardCharsets.ISO_8859_1), headers, body);

		assertThat(response.status()).as(columns[5] + ": " + response.body()).isEqualTo(Integer.parseInt(columns[4]));
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).contains(PROBLEMS);
		assertThat(List.of(this.data.count("users"), this.data.count("tours"), this.data.count("reservations")))
			.isEqualTo(List.of(users, tours, reservations));
	}

	/**
	 * Fills placeholders, then turns escapes into bytes ({@code \xHH} raw, the rest
	 * UTF-8).
	 */
	private byte[] decode(String column) {
		String text = column;
		for (Map.Entry<String, String> placeholder : this.fill.entrySet()) {
			text = text.replace(placeholder.getKey(), placeholder.getValue());
		}
		Matcher repeat = REPEAT.matcher(text);
		text = repeat
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(2).repeat(Integer.parseInt(match.group(1)))));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(i + 1);
				if (next == 'x') {
					out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
					i += 3;
					continue;
				}
				if (next == 'u') {
					out.writeBytes(String.valueOf((char) Integer.parseInt(text.substring(i + 2, i + 6), 16))
						.getBytes(StandardCharsets.UTF_8));
					i += 5;
					continue;
				}
				if (next == '\\') {
					out.write('\\');
					i += 1;
					continue;
				}
			}
			out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

}
