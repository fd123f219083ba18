package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Service;

/**
 * Every Service selects the pods of a workload in its namespace: no Service routes to
 * nothing.
 */
final class ServiceSelectsPodsPolicy implements Policy {

	@Override
	public String rule() {
		return "service-selects-pods";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (ManifestObject object : manifests.ofType(Service.class)) {
			Service service = object.as(Service.class);
			if ("ExternalName".equals(service.getSpec().getType())) {
				continue;
			}
			Map<String, String> selector = service.getSpec().getSelector();
			if (selector == null || selector.isEmpty()) {
				findings.add(finding(object, "has no selector, so it routes to no pod"));
			}
			else if (manifests.selectedBy(object.namespace(), selector).isEmpty()) {
				findings.add(finding(object,
						"selector " + selector + " matches the pod labels of no Deployment, StatefulSet or DaemonSet"));
			}
		}
		return findings;
	}

}
