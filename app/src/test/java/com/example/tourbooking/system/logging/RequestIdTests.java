package com.example.tourbooking.system.logging;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated request ids are random version 4 UUIDs, as before they came from the thread's
 * own generator; a sane caller id is kept, anything else replaced.
 */
class RequestIdTests {

	@Test
	void generatedIdsAreDistinctVersion4Uuids() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = RequestLoggingFilter.requestId(null);
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(uuid.toString()).isEqualTo(id);
			assertThat(seen.add(id)).as(id).isTrue();
		}
	}

	@Test
	void aSaneCallerIdIsKeptAndAnythingElseReplaced() {
		assertThat(RequestLoggingFilter.requestId("abc-123:x.y_z")).isEqualTo("abc-123:x.y_z");
		assertThat(RequestLoggingFilter.requestId("bad id\n{}")).isNotEqualTo("bad id\n{}").hasSize(36);
		assertThat(RequestLoggingFilter.requestId("")).hasSize(36);
	}

}
