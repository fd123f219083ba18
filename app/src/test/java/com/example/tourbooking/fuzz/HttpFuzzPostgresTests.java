package com.example.tourbooking.fuzz;

import java.time.Duration;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import com.example.tourbooking.TestPostgres;

/**
 * The HTTP fuzzer against the service on real PostgreSQL (its own database on the shared
 * embedded server), where NUL bytes, numeric overflow and date ranges fail differently
 * than on H2.
 */
class HttpFuzzPostgresTests extends HttpBoundaryFuzz {

	private static FuzzTarget target;

	@BeforeContainer
	static void start() throws Exception {
		target = FuzzTarget.start("test", TestPostgres.freshDatabase("fuzz"), "postgres");
	}

	@AfterContainer
	static void stop() throws Exception {
		if (target != null) {
			target.close();
		}
	}

	@Example
	void noGeneratedRequestCausesAServerErrorOrAPartialChange() throws Exception {
		fuzz(target, 1200, Duration.ofSeconds(110));
	}

}
