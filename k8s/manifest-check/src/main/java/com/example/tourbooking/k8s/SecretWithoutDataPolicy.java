package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Secret;

/**
 * No Secret carries data in the repository: secrets come from the cluster (External
 * Secrets in EKS, {@code kubectl create secret} locally) and manifests only reference
 * them.
 */
final class SecretWithoutDataPolicy implements Policy {

	@Override
	public String rule() {
		return "secret-without-data";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (ManifestObject object : manifests.ofType(Secret.class)) {
			Secret secret = object.as(Secret.class);
			boolean hasData = secret.getData() != null && !secret.getData().isEmpty();
			boolean hasStringData = secret.getStringData() != null && !secret.getStringData().isEmpty();
			if (hasData || hasStringData) {
				findings.add(finding(object, "carries data in the repository: keep secrets out of manifests and "
						+ "create them in the cluster (see k8s/README.md)"));
			}
		}
		return findings;
	}

}
