package com.example.tourbooking.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The valid test overlay and deliberately broken copies of it, checked by a real
 * {@link ManifestChecker} (the OpenAPI validator runs in Node.js as in
 * {@code make k8s-check}).
 */
final class Fixture {

	static final String VALID = read("fixtures/valid-overlay.yaml");

	private static final ManifestChecker CHECKER = new ManifestChecker(new OpenApiSchemaCheck(nodeDir(), "node"));

	private Fixture() {
	}

	/**
	 * The valid overlay with one exact piece of text replaced (it must occur exactly
	 * once).
	 */
	static String broken(String text, String replacement) {
		assertThat(VALID.split(Pattern.quote(text), -1)).as("occurrences of %s", text).hasSize(2);
		return VALID.replace(text, replacement);
	}

	/** The valid overlay with one more document appended. */
	static String withExtraDocument(String document) {
		return VALID + "\n---\n" + document;
	}

	static List<Finding> check(String manifest) {
		return CHECKER.check("overlay.yaml", manifest);
	}

	static Path nodeDir() {
		String configured = System.getProperty("manifestcheck.nodeDir");
		return Path.of((configured != null) ? configured : ".").toAbsolutePath();
	}

	private static String read(String resource) {
		try (InputStream in = Fixture.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing test resource " + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
