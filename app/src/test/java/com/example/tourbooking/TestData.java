package com.example.tourbooking;

import java.math.BigDecimal;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Direct database access for arranging and checking state in full-stack tests: wiping
 * tables between tests and reading what the API must (or must not) have changed.
 */
public final class TestData {

	private final JdbcClient jdbc;

	public TestData(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	public void wipe() {
		this.jdbc.sql("truncate table reservations, departures, tours, users restart identity cascade").update();
	}

	public int seatsLeft(long departureId) {
		return this.jdbc.sql("select seats_left from departures where id = ?")
			.param(departureId)
			.query(Integer.class)
			.single();
	}

	public int confirmedHeadcount(long departureId) {
		return this.jdbc
			.sql("select coalesce(sum(headcount), 0) from reservations where departure_id = ? and status = 'CONFIRMED'")
			.param(departureId)
			.query(Integer.class)
			.single();
	}

	public long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	public void moveDeparture(long departureId, LocalDate date) {
		this.jdbc.sql("update departures set departure_date = ? where id = ?").params(date, departureId).update();
		this.jdbc.sql("update reservations set departure_date = ? where departure_id = ?")
			.params(date, departureId)
			.update();
	}

	/**
	 * Sets a price the API would refuse (it caps prices far below what overflows a
	 * total).
	 */
	public void setPrice(long tourId, String pricePerPerson) {
		this.jdbc.sql("update tours set price_per_person = ? where id = ?")
			.params(new BigDecimal(pricePerPerson), tourId)
			.update();
	}

	public void makeAdmin(long userId) {
		this.jdbc.sql("update users set role = 'ADMIN' where id = ?").param(userId).update();
	}

	public void deleteUser(long userId) {
		this.jdbc.sql("delete from users where id = ?").param(userId).update();
	}

	public long countAdmins() {
		return this.jdbc.sql("select count(*) from users where role = 'ADMIN'").query(Long.class).single();
	}

}
