package com.example.tourbooking.pipeline

import com.lesfurets.jenkins.unit.PipelineTestHelper
import groovy.transform.PackageScope

/** JenkinsPipelineUnit's helper, checking every step call for interpolated credentials. */
@PackageScope
class SecretCheckingHelper extends PipelineTestHelper {

	private final SecretRegistry secrets

	SecretCheckingHelper(SecretRegistry secrets) {
		this.secrets = secrets
	}

	@Override
	void registerMethodCall(Object target, int stackDepth, String name, Object... args) {
		super.registerMethodCall(target, stackDepth, name, args)
		secrets.check(name, args)
	}

}
