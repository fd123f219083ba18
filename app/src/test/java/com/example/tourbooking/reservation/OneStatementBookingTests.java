package com.example.tourbooking.reservation;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A pool without auto-commit stops the start: HikariCP would roll back every
 * one-statement booking when its connection comes back (its
 * {@code ProxyConnection.close}). The pools are configured, never started.
 */
class OneStatementBookingTests {

	@Test
	void aPoolWithoutAutoCommitIsRefusedEvenBehindAWrapper() {
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setAutoCommit(false);

			assertThatIllegalStateException().isThrownBy(() -> OneStatementBooking.requireAutoCommit(pool))
				.withMessageContaining("spring.datasource.hikari.auto-commit=false");
			assertThatIllegalStateException()
				.isThrownBy(() -> OneStatementBooking.requireAutoCommit(new DelegatingDataSource(pool)));
		}
	}

	@Test
	void hikarisDefaultAutoCommitIsAccepted() {
		try (HikariDataSource pool = new HikariDataSource()) {
			assertThatNoException().isThrownBy(() -> OneStatementBooking.requireAutoCommit(pool));
		}
	}

}
