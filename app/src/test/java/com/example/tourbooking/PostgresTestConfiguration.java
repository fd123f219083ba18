package com.example.tourbooking;

import javax.sql.DataSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Points a test context at the shared embedded PostgreSQL; Flyway migrates it as in
 * production.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

	@Bean
	DataSource dataSource() {
		return TestPostgres.dataSource();
	}

}
