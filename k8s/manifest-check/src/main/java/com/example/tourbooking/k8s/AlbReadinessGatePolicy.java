package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * An ALB that targets pod IPs only keeps serving through a rolling update when the AWS
 * Load Balancer Controller injects its pod readiness gate: otherwise a new pod turns
 * Ready before its target is healthy, the old pod is removed, and the target group can be
 * left with only {@code initial} and {@code draining} targets. The controller's mutating
 * webhook selects pods by their namespace's
 * {@code elbv2.k8s.aws/pod-readiness-gate-inject: enabled} label (its Helm chart,
 * {@code templates/webhook.yaml}, webhook {@code mpod.elbv2.k8s.aws},
 * {@code namespaceSelector}), so the namespace must be rendered with that label.
 */
final class AlbReadinessGatePolicy implements Policy {

	static final String LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";

	@Override
	public String rule() {
		return "alb-readiness-gate";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (ManifestObject object : manifests.ofType(Ingress.class)) {
			if (!targetsPodIps(object.as(Ingress.class))) {
				continue;
			}
			Optional<ManifestObject> namespace = manifests.find(Namespace.class, "", object.namespace());
			if (namespace.isEmpty()) {
				findings.add(finding(object, "targets pod IPs through an ALB, but its namespace '" + object.namespace()
						+ "' is not part of the overlay, so nothing sets " + LABEL + ": enabled on it"));
				continue;
			}
			Map<String, String> labels = namespace.get().as(Namespace.class).getMetadata().getLabels();
			if (labels == null || !"enabled".equals(labels.get(LABEL))) {
				findings.add(finding(object, "targets pod IPs through an ALB, but Namespace '" + object.namespace()
						+ "' lacks the label " + LABEL + ": enabled (no pod readiness gate during rolling updates)"));
			}
		}
		return findings;
	}

	private static boolean targetsPodIps(Ingress ingress) {
		Map<String, String> annotations = ingress.getMetadata().getAnnotations();
		return "alb".equals(ingress.getSpec().getIngressClassName()) && annotations != null
				&& "ip".equals(annotations.get("alb.ingress.kubernetes.io/target-type"));
	}

}
