package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Every container requests CPU and memory (so the scheduler and the autoscaler can do
 * their work) and has a memory limit (so a leak kills one pod, not the node).
 */
final class ContainerResourcesPolicy implements Policy {

	@Override
	public String rule() {
		return "container-resources";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				ResourceRequirements resources = (container.getResources() != null) ? container.getResources()
						: new ResourceRequirements();
				List<String> missing = new ArrayList<>();
				if (!has(resources.getRequests(), "cpu")) {
					missing.add("requests.cpu");
				}
				if (!has(resources.getRequests(), "memory")) {
					missing.add("requests.memory");
				}
				if (!has(resources.getLimits(), "memory")) {
					missing.add("limits.memory");
				}
				if (!missing.isEmpty()) {
					findings.add(finding(workload.object(),
							"container '" + container.getName() + "' has no " + String.join(", ", missing)));
				}
			}
		}
		return findings;
	}

	private static boolean has(Map<String, Quantity> quantities, String resource) {
		return quantities != null && quantities.get(resource) != null;
	}

}
