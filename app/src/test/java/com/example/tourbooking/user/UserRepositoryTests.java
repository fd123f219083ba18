package com.example.tourbooking.user;

import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import com.example.tourbooking.RepositoryTest;
import com.example.tourbooking.TestData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The users table on PostgreSQL: emails are unique even when two sign-ups race past the
 * service's check.
 */
@RepositoryTest
class UserRepositoryTests {

	@Autowired
	private UserRepository users;

	@Autowired
	private DataSource dataSource;

	@BeforeEach
	void emptyTables() {
		new TestData(this.dataSource).wipe();
	}

	@Test
	void findsAUserByEmail() {
		this.users.saveAndFlush(new User("ana@example.com", "{bcrypt}x", "Ana", Role.GUIDE, Instant.now()));

		assertThat(this.users.findByEmail("ana@example.com")).get().extracting(User::getRole).isEqualTo(Role.GUIDE);
		assertThat(this.users.existsByEmail("bob@example.com")).isFalse();
	}

	@Test
	void theDatabaseRefusesADuplicateEmail() {
		this.users.saveAndFlush(new User("ana@example.com", "{bcrypt}x", "Ana", Role.CUSTOMER, Instant.now()));

		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.users
			.saveAndFlush(new User("ana@example.com", "{bcrypt}y", "Other Ana", Role.CUSTOMER, Instant.now())));
	}

}
