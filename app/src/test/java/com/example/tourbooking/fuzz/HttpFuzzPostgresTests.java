package com.example.tourbooking.fuzz;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.tourbooking.TestPostgres;

/**
 * The HTTP fuzzer against the service on real PostgreSQL (its own database on the shared
 * embedded server), where NUL bytes, numeric overflow and date ranges fail differently
 * than on H2.
 */
class HttpFuzzPostgresTests extends HttpBoundaryFuzz {

	private static FuzzTarget target;

	@BeforeAll
	static void start() throws Exception {
		target = FuzzTarget.start("test", TestPostgres.freshDatabase("fuzz"), "postgres");
	}

	@AfterAll
	static void stop() throws Exception {
		target.close();
	}

	@Test
	void noGeneratedRequestCausesAServerErrorOrAPartialChange() throws Exception {
		fuzz(target, 1000, Duration.ofSeconds(75));
	}

}
