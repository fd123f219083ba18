package com.example.tourbooking.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether to seed demo users and tours.
 *
 * @param enabled seed demo data at start when the database has no users (only the
 * embedded default sets it)
 */
@ConfigurationProperties("tours.demo-data")
record DemoDataProperties(boolean enabled) {
}
