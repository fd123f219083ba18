package com.example.tourbooking.k8s;

import java.util.List;

/**
 * One deployment rule checked on every rendered overlay, named by a stable identifier
 * that every finding carries.
 */
interface Policy {

	/** The rule identifier, e.g. {@code pdb-allows-eviction}. */
	String rule();

	List<Finding> check(Manifests manifests);

	default Finding finding(ManifestObject object, String message) {
		return Finding.of(object, rule(), message);
	}

}
