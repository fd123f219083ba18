package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;

/**
 * Every container has startup, readiness and liveness probes: traffic only reaches ready
 * pods, stuck ones restart, and slow starts are not mistaken for hangs.
 */
final class ContainerProbesPolicy implements Policy {

	@Override
	public String rule() {
		return "container-probes";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				List<String> missing = new ArrayList<>();
				if (container.getStartupProbe() == null) {
					missing.add("startupProbe");
				}
				if (container.getReadinessProbe() == null) {
					missing.add("readinessProbe");
				}
				if (container.getLivenessProbe() == null) {
					missing.add("livenessProbe");
				}
				if (!missing.isEmpty()) {
					findings.add(finding(workload.object(),
							"container '" + container.getName() + "' has no " + String.join(", ", missing)));
				}
			}
		}
		return findings;
	}

}
