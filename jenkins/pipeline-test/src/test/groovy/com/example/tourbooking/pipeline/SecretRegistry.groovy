package com.example.tourbooking.pipeline

import groovy.transform.PackageScope

/**
 * Gives every bound credential a recognisable fake value and fails the test when such a value
 * reaches a step argument: that only happens when Groovy interpolated or concatenated the secret,
 * which would put it in the build's step record instead of letting the shell read it.
 */
@PackageScope
class SecretRegistry {

	private final Map<String, String> active = [:]

	String bind(String credentialsId, String variable) {
		String value = "fake-secret-of-${credentialsId}-${variable}".toString()
		active[variable] = value
		return value
	}

	void release(Map<String, String> env, String variable) {
		if (!env.containsKey(variable)) {
			active.remove(variable)
		}
	}

	boolean isBound(String variable) {
		active.containsKey(variable)
	}

	void check(String step, Object[] arguments) {
		arguments.each { checkValue(step, it) }
	}

	private void checkValue(String step, Object value) {
		if (value instanceof Map) {
			((Map) value).values().each { checkValue(step, it) }
		}
		else if (value instanceof Collection || value instanceof Object[]) {
			value.each { checkValue(step, it) }
		}
		else if (value instanceof CharSequence) {
			active.each { variable, secret ->
				if (value.toString().contains(secret)) {
					throw new AssertionError("credential ${variable} reached step '${step}' through a Groovy string: "
							+ "use a single-quoted sh '...' and let the shell read \$${variable}")
				}
			}
		}
	}

}
