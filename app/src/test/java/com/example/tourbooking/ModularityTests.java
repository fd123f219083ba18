package com.example.tourbooking;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Features only use each other's public API (the types in a feature's top-level package),
 * with no cycles between them.
 */
class ModularityTests {

	@Test
	void featuresRespectTheirBoundaries() {
		ApplicationModules.of(TourBookingApplication.class).verify();
	}

}
