package com.example.tourbooking.k8s;

/**
 * One problem found in a rendered manifest: which object breaks which rule, and how.
 *
 * @param source the file (or name) the object was read from
 * @param object the object, as {@code Kind namespace/name}
 * @param rule the rule identifier, e.g. {@code schema-required} or
 * {@code pdb-allows-eviction}
 * @param message what is wrong, in words that tell how to fix it
 */
record Finding(String source, String object, String rule, String message) {

	static Finding of(ManifestObject object, String rule, String message) {
		return new Finding(object.source(), object.ref(), rule, message);
	}

	@Override
	public String toString() {
		return this.source + ": " + this.object + ": [" + this.rule + "] " + this.message;
	}

}
