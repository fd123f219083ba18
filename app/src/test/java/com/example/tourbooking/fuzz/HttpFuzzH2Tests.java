package com.example.tourbooking.fuzz;

import java.time.Duration;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The HTTP fuzzer against the embedded default (H2 in PostgreSQL mode), which stores and
 * compares some values differently (NUL in text, far dates, LIKE patterns).
 */
class HttpFuzzH2Tests extends HttpBoundaryFuzz {

	private static FuzzTarget target;

	@BeforeContainer
	static void start() throws Exception {
		target = FuzzTarget.start("default",
				"jdbc:h2:mem:fuzz;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"sa");
	}

	@AfterContainer
	static void stop() throws Exception {
		if (target != null) {
			target.close();
		}
	}

	@Example
	void noGeneratedRequestCausesAServerErrorOrAPartialChange() throws Exception {
		fuzz(target, 1200, Duration.ofSeconds(100));
	}

}
