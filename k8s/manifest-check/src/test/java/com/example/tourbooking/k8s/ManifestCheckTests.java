package com.example.tourbooking.k8s;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line that make k8s-check runs: output and exit codes. */
class ManifestCheckTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void aValidFilePassesWithExitCodeZero(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("local.yaml"), Fixture.VALID);

		assertThat(run("--node-dir", Fixture.nodeDir().toString(), file.toString())).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEqualTo(file + ": OK\n");
	}

	@Test
	void aBrokenFilePrintsEachFindingAndExitsWithOne(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("staging.yaml"),
				Fixture.broken("targetPort: http", "targetPort: web"));

		assertThat(run("--node-dir", Fixture.nodeDir().toString(), file.toString())).isEqualTo(1);
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.contains(file + ": Service demo/shop: [service-target-port]")
			.endsWith(file + ": 1 finding(s)\n");
	}

	@Test
	void aMissingValidatorIsAToolErrorThatSaysWhatToDo(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("local.yaml"), Fixture.VALID);

		assertThat(run("--node-dir", dir.toString(), file.toString())).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("run `npm install` there");
	}

	@Test
	void noFileIsAUsageError() {
		assertThat(run()).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("no manifest file given", "Usage:");
	}

	private int run(String... args) {
		return ManifestCheck.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
