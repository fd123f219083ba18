package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Every PodDisruptionBudget selects the pods of a workload that the overlay defines. */
final class PdbTargetExistsPolicy implements Policy {

	@Override
	public String rule() {
		return "pdb-target-exists";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (ManifestObject object : manifests.ofType(PodDisruptionBudget.class)) {
			PodDisruptionBudget pdb = object.as(PodDisruptionBudget.class);
			if (manifests.selectedBy(object.namespace(), pdb.getSpec().getSelector()).isEmpty()) {
				findings.add(finding(object, "selector matches the pods of no Deployment, StatefulSet or DaemonSet"));
			}
		}
		return findings;
	}

}
