package com.example.tourbooking.fuzz;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.tourbooking.fuzz.OpenApiOperations.Operation;
import com.example.tourbooking.fuzz.OpenApiOperations.Parameter;

/**
 * Request generators derived from the OpenAPI document: for every parameter and body
 * field, values its schema allows (so requests get past the first check) mixed with
 * values that break it in the ways clients do (wrong types, huge exponents, overflowing
 * integers, control characters, invalid UTF-8, dates out of range, ids that exist and ids
 * that do not).
 */
final class RequestGenerators {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TODAY = LocalDate.now().toString();

	private RequestGenerators() {
	}

	static Arbitrary<FuzzRequest> forOperation(Operation operation) {
		Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.just(operation.method())),
				Tuple.of(1, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "FOO")));
		return Combinators.combine(method, path(operation), query(operation), headers(operation), body(operation))
			.as((m, path, query, headers, body) -> new FuzzRequest(operation.name(), m,
					path + (query.isEmpty() ? "" : "?" + query), headers, body.orElse(null)));
	}

	private static Arbitrary<String> path(Operation operation) {
		List<Arbitrary<String>> parts = new ArrayList<>();
		String template = operation.path();
		int at = 0;
		while (true) {
			int open = template.indexOf('{', at);
			if (open < 0) {
				parts.add(Arbitraries.just(template.substring(at)));
				break;
			}
			int close = template.indexOf('}', open);
			parts.add(Arbitraries.just(template.substring(at, open)));
			parts.add(pathValue(template.substring(0, open), template.substring(open + 1, close)));
			at = close + 1;
		}
		Arbitrary<String> suffix = Arbitraries.frequencyOf(Tuple.of(40, Arbitraries.just("")),
				Tuple.of(1, Arbitraries.of("/", "//", "/x", "/..;/x", "%00", ";jsessionid=1", "%2F..", "/%2e%2e/")));
		return Combinators.combine(concat(parts), suffix).as((p, s) -> p + s);
	}

	private static Arbitrary<String> concat(List<Arbitrary<String>> parts) {
		Arbitrary<String> joined = Arbitraries.just("");
		for (Arbitrary<String> part : parts) {
			joined = Combinators.combine(joined, part).as((a, b) -> a + b);
		}
		return joined;
	}

	private static Arbitrary<String> pathValue(String before, String name) {
		String entity = before.contains("reservations") ? "reservation" : before.contains("users") ? "user" : "tour";
		return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("@@" + entity + "@@")),
				Tuple.of(2, Arbitraries.longs().between(-5, 1_000_000).map(String::valueOf)),
				Tuple.of(2,
						Arbitraries.of("abc", "-1", "0", "99999999999999999999", "9223372036854775807",
								"9223372036854775808", "%00", "%FF", "%2e%2e", "1.5", "1e3", "%20", "null", "%E2%80%8B",
								"+1", "0x10", "%252F")));
	}

	private static Arbitrary<String> query(Operation operation) {
		List<Arbitrary<String>> pairs = new ArrayList<>();
		for (Parameter parameter : operation.parameters()) {
			if ("query".equals(parameter.in())) {
				Arbitrary<String> value = Arbitraries.frequencyOf(
						Tuple.of(6, jsonFreeValue(parameter.schema(), parameter.name()).map(RequestGenerators::encode)),
						Tuple.of(1, Arbitraries.of("%FF%FE", "%", "%G1", "%00", "%C3", "%ED%A0%80", "a%2", "%E2%82%AC",
								"+", "%0D%0A", "1e999999999")));
				pairs.add(Arbitraries.frequencyOf(Tuple.of(3, value.map((v) -> parameter.name() + "=" + v)),
						Tuple.of(2, Arbitraries.just(""))));
			}
		}
		pairs.add(Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just("")), Tuple.of(1, Arbitraries
			.of("page=1&page=2", "x=%FF", "%FF=1", "size", "=", "&&&", "sort=title,asc,x", "q=" + "a".repeat(3000)))));
		return concatPairs(pairs);
	}

	private static Arbitrary<String> concatPairs(List<Arbitrary<String>> pairs) {
		Arbitrary<String> joined = Arbitraries.just("");
		for (Arbitrary<String> pair : pairs) {
			joined = Combinators.combine(joined, pair).as((a, b) -> a.isEmpty() ? b : (b.isEmpty() ? a : a + "&" + b));
		}
		return joined;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static Arbitrary<List<Map.Entry<String, String>>> headers(Operation operation) {
		Arbitrary<Optional<String>> authorization = Arbitraries
			.frequencyOf(Tuple.of(2, Arbitraries.just("")), Tuple.of(3, Arbitraries.just("Bearer @@token:customer@@")),
					Tuple.of(3, Arbitraries.just("Bearer @@token:guide@@")),
					Tuple.of(3, Arbitraries.just("Bearer @@token:admin@@")),
					Tuple.of(1,
							Arbitraries.of("Bearer @@token:expired@@", "Bearer @@token:no-exp@@",
									"Bearer @@token:ghost-admin@@", "Bearer @@token:forged@@", "Bearer abc", "Bearer ",
									"Basic YTpi", "Bearer " + "a.b.c".repeat(200),
									FuzzRequest.RAW_BYTES + "Bearer \u00ff\u00fe")))
			.map((value) -> value.isEmpty() ? Optional.empty() : Optional.of(value));
		Arbitrary<Optional<String>> contentType = Arbitraries
			.frequencyOf(Tuple.of(20, Arbitraries.just("application/json")),
					Tuple.of(1, Arbitraries.of("application/json; charset=UTF-8", "application/json; charset=é",
							"application/json; charset=ISO-8859-1", "application/json; charset=nope", "text/plain",
							"application/xml", "application/json;;", "/", "", "application/json; x=\u00e9\u00e8",
							FuzzRequest.RAW_BYTES + "application/json; q=\u00ff", "multipart/form-data; boundary=x",
							"application/x-www-form-urlencoded")),
					Tuple.of(1, Arbitraries.just("-")))
			.map((value) -> "-".equals(value) ? Optional.empty() : Optional.of(value));
		Arbitrary<Optional<String>> idempotencyKey = Arbitraries
			.frequencyOf(Tuple.of(6, Arbitraries.just("-")),
					Tuple.of(3, Arbitraries.strings().withChars("abcXYZ019_-:.").ofMinLength(1).ofMaxLength(100)),
					Tuple.of(1, Arbitraries.strings().all().ofMaxLength(120)),
					Tuple.of(1,
							Arbitraries.of("é", FuzzRequest.RAW_BYTES + "\u00c3\u00a9", "k".repeat(101), " ", "a b")))
			.map((value) -> "-".equals(value) ? Optional.empty() : Optional.of(value));
		Arbitrary<Optional<String>> accept = Arbitraries
			.frequencyOf(Tuple.of(10, Arbitraries.just("-")),
					Tuple.of(1,
							Arbitraries.of("application/json", "*/*", "text/html", "application/xml",
									"application/problem+json", "garbage", "text/plain;q=0.1")))
			.map((value) -> "-".equals(value) ? Optional.empty() : Optional.of(value));
		Arbitrary<Optional<String>> forwarded = Arbitraries
			.frequencyOf(Tuple.of(10, Arbitraries.just("-")),
					Tuple.of(1, Arbitraries.of("10.0.0.1", "not-an-ip", "1.2.3.4, 5.6.7.8", "\u00e9")))
			.map((value) -> "-".equals(value) ? Optional.empty() : Optional.of(value));
		return Combinators.combine(authorization, contentType, idempotencyKey, accept, forwarded)
			.as((auth, type, key, acc, fwd) -> {
				List<Map.Entry<String, String>> headers = new ArrayList<>();
				auth.ifPresent((v) -> headers.add(Map.entry("Authorization", v)));
				if (operation.body() != null) {
					type.ifPresent((v) -> headers.add(Map.entry("Content-Type", v)));
				}
				key.ifPresent((v) -> headers.add(Map.entry("Idempotency-Key", v)));
				acc.ifPresent((v) -> headers.add(Map.entry("Accept", v)));
				fwd.ifPresent((v) -> headers.add(Map.entry("X-Forwarded-For", v)));
				return headers;
			});
	}

	private static Arbitrary<Optional<String>> body(Operation operation) {
		if (operation.body() == null) {
			return Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(Optional.empty())),
					Tuple.of(1, Arbitraries.of(Optional.of("{}"), Optional.of("x"))));
		}
		Arbitrary<String> hostile = Arbitraries.of("", "{", "[]", "null", "1", "\"x\"", "{\"a\":1}{",
				"[".repeat(2000) + "]".repeat(2000), "{\"x\":\"" + "y".repeat(70_000) + "\"}",
				FuzzRequest.RAW_BYTES + "{\"name\":\"\u00ff\u00fe\"}", "{\"email\":\"a@b.c\",\"email\":\"d@e.f\"}",
				"\ufeff{}");
		return Arbitraries
			.frequencyOf(Tuple.of(12, json(operation.body(), operation.schemas(), "", 0)), Tuple.of(1, hostile))
			.map(Optional::of);
	}

	private static Arbitrary<String> json(JsonNode schema, JsonNode schemas, String name, int depth) {
		JsonNode resolved = OpenApiOperations.resolve(schema, schemas);
		String type = resolved.path("type").asString("");
		if ("object".equals(type) || resolved.has("properties")) {
			return object(resolved, schemas, depth);
		}
		if ("array".equals(type)) {
			Arbitrary<String> item = (depth > 3) ? Arbitraries.just("{}")
					: json(resolved.path("items"), schemas, name, depth + 1);
			return Arbitraries
				.frequencyOf(Tuple.of(10, item.list().ofMaxSize(3)),
						Tuple.of(1, item.list().ofMinSize(51).ofMaxSize(55)))
				.map((items) -> "[" + String.join(",", items) + "]");
		}
		Arbitrary<String> wrongType = Arbitraries.of("true", "null", "[]", "{}", "\"\"", "1.5", "-1");
		Arbitrary<String> value = switch (type) {
			case "integer" -> integer(resolved, name);
			case "number" -> number();
			case "boolean" -> Arbitraries.of("true", "false");
			default -> string(resolved).map(RequestGenerators::quote);
		};
		return Arbitraries.frequencyOf(Tuple.of(12, value), Tuple.of(1, wrongType));
	}

	private static Arbitrary<String> object(JsonNode schema, JsonNode schemas, int depth) {
		List<Arbitrary<String>> fields = new ArrayList<>();
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			Arbitrary<String> field = json(property.getValue(), schemas, property.getKey(), depth + 1)
				.map((v) -> quote(property.getKey()) + ":" + v);
			fields.add(Arbitraries.frequencyOf(Tuple.of(9, field), Tuple.of(1, Arbitraries.just(""))));
		}
		fields.add(Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.just("")),
				Tuple.of(1, Arbitraries.of("\"unknown\":1", "\"role\":\"ADMIN\"", "\"id\":1"))));
		Arbitrary<String> joined = Arbitraries.just("");
		for (Arbitrary<String> field : fields) {
			joined = Combinators.combine(joined, field).as((a, b) -> a.isEmpty() ? b : (b.isEmpty() ? a : a + "," + b));
		}
		return joined.map((inner) -> "{" + inner + "}");
	}

	private static Arbitrary<String> integer(JsonNode schema, String name) {
		long min = schema.path("minimum").asLong(0);
		long max = schema.path("maximum").asLong(20);
		Arbitrary<String> valid = Arbitraries.longs()
			.between(min, Math.max(min, Math.min(max, min + 50)))
			.map(String::valueOf);
		Arbitrary<String> boundary = Arbitraries.of("0", "-1", "1001", "2147483647", "2147483648", "-2147483649",
				"9223372036854775807", "99999999999999999999", "1.5", "1.0", "1e2", "-0", "\"5\"", "1e999999999");
		if (name.endsWith("Id")) {
			String entity = name.substring(0, name.length() - 2);
			return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("@@" + entity + "@@")), Tuple.of(2, valid),
					Tuple.of(1, boundary));
		}
		return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(2, boundary));
	}

	private static Arbitrary<String> number() {
		Arbitrary<String> valid = Arbitraries.bigDecimals()
			.between(new BigDecimal("0.01"), new BigDecimal("2000.00"))
			.ofScale(2)
			.map(BigDecimal::toPlainString);
		Arbitrary<String> hostile = Arbitraries.of("1e999999999", "1E-999999999", "-1", "0", "0.001", "100000.00",
				"100000.01", "99999999.99", "1e12", "123456789012345678901234567890.5", "1e2147483647", "-1e2147483647",
				"\"10.00\"", "\"abc\"", "1" + "0".repeat(1200), "0." + "0".repeat(1200) + "1");
		return Arbitraries.frequencyOf(Tuple.of(5, valid), Tuple.of(2, hostile));
	}

	private static Arbitrary<String> jsonFreeValue(JsonNode schema, String name) {
		String type = schema.path("type").asString("");
		return switch (type) {
			case "integer" -> integer(schema, name).map((v) -> v.replace("\"", ""));
			case "number" -> number().map((v) -> v.replace("\"", ""));
			default -> string(schema);
		};
	}

	private static Arbitrary<String> string(JsonNode schema) {
		String format = schema.path("format").asString("");
		int maxLength = schema.path("maxLength").asInt(100);
		if (schema.has("enum")) {
			List<String> values = new ArrayList<>();
			schema.path("enum").forEach((v) -> values.add(v.asString()));
			return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(values)),
					Tuple.of(1, Arbitraries.of("KING", "admin", "", "ADMIN ")));
		}
		if ("date".equals(format)) {
			return Arbitraries.frequencyOf(Tuple.of(6,
					Arbitraries.integers().between(-30, 800).map((d) -> LocalDate.now().plusDays(d).toString())),
					Tuple.of(2,
							Arbitraries.of("+999999999-12-31", "-999999999-01-01", "9999-12-31", "2999-12-31",
									"1999-12-31", "2020-02-30", "0000-01-01", "next tuesday", TODAY + "T10:00:00", "",
									"2030-1-1", "+10000-01-01")));
		}
		if ("email".equals(format)) {
			return Combinators
				.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
						Arbitraries.strings().all().ofMaxLength(3), Arbitraries.integers().between(0, 9))
				.as((local, noise, n) -> (n < 7) ? local + "@example.com" : local + noise + "@ex" + noise + ".com");
		}
		return Arbitraries.frequencyOf(
				Tuple.of(6,
						Arbitraries.strings()
							.alpha()
							.numeric()
							.withChars(' ', '-')
							.ofMinLength(1)
							.ofMaxLength(Math.min(maxLength, 40))),
				Tuple.of(2, Arbitraries.strings().all().ofMaxLength(Math.min(maxLength + 5, 200))),
				Tuple.of(1,
						Arbitraries.strings()
							.withCharRange('\u0000', '\u001f')
							.ofMinLength(1)
							.ofMaxLength(5)
							.map((ctl) -> "a" + ctl + "b")),
				Tuple.of(1, Arbitraries.of("x".repeat(maxLength + 1), "é".repeat(40), "😀".repeat(30), " ", "\u0000",
						"%", "_", "\\", "'; drop table users; --", "\u202e", "ｅｘａｍｐｌｅ")));
	}

	private static String quote(String value) {
		return JSON.writeValueAsString(value);
	}

}
