package com.example.tourbooking.pipeline

import groovy.transform.InheritConstructors
import groovy.transform.PackageScope

/**
 * The Jenkinsfile uses a declarative directive, option or condition that the harness does not
 * model: the test fails rather than let an unvalidated construct through.
 */
@PackageScope
@InheritConstructors
class UnknownDirectiveException extends RuntimeException {

	static UnknownDirectiveException inSection(String section, String name) {
		new UnknownDirectiveException("'${name}' in ${section} is not a directive this harness knows; "
				+ "model it in DeclarativeDsl (with a test) before using it in the Jenkinsfile")
	}

}

/** A step failed the way it would in Jenkins (for example {@code sh} exiting non-zero). */
@PackageScope
@InheritConstructors
class StepFailedException extends RuntimeException {
}

/**
 * The build was interrupted: an approval was rejected or its timeout expired (ABORTED), or a newer
 * build cancelled it (NOT_BUILT, as milestone and abortPrevious interrupt executors).
 */
@PackageScope
class BuildAbortedException extends RuntimeException {

	final String result

	BuildAbortedException(String result, String message) {
		super(message)
		this.result = result
	}

}
