package com.example.tourbooking.fuzz;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP fuzzer against the embedded default (H2 in PostgreSQL mode), which stores and
 * compares some values differently (NUL in text, far dates, LIKE patterns).
 */
class HttpFuzzH2Tests extends HttpBoundaryFuzz {

	private static FuzzTarget target;

	@BeforeAll
	static void start() throws Exception {
		target = FuzzTarget.start("default",
				"jdbc:h2:mem:fuzz;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"sa");
	}

	@AfterAll
	static void stop() throws Exception {
		target.close();
	}

	@Test
	void noGeneratedRequestCausesAServerErrorOrAPartialChange() throws Exception {
		fuzz(target, 300, Duration.ofSeconds(30));
	}

}
