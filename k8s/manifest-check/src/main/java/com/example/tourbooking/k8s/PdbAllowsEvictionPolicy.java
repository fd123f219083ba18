package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Every PodDisruptionBudget lets at least one pod be evicted when its workloads run their
 * minimum replica count (the HorizontalPodAutoscaler's {@code minReplicas}, else
 * {@code replicas}): otherwise it blocks every node drain.
 */
final class PdbAllowsEvictionPolicy implements Policy {

	@Override
	public String rule() {
		return "pdb-allows-eviction";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		List<ScaleTarget> scaleTargets = ScaleTarget.all(manifests);
		for (ManifestObject object : manifests.ofType(PodDisruptionBudget.class)) {
			PodDisruptionBudget pdb = object.as(PodDisruptionBudget.class);
			List<Workload> selected = manifests.selectedBy(object.namespace(), pdb.getSpec().getSelector());
			if (selected.isEmpty()) {
				continue;
			}
			int replicas = selected.stream().mapToInt((workload) -> minimumReplicas(workload, scaleTargets)).sum();
			IntOrString minAvailable = pdb.getSpec().getMinAvailable();
			IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
			if (minAvailable == null && maxUnavailable == null) {
				findings.add(finding(object, "sets neither minAvailable nor maxUnavailable"));
				continue;
			}
			int allowed;
			try {
				allowed = (maxUnavailable != null) ? scaled(maxUnavailable, replicas)
						: replicas - scaled(minAvailable, replicas);
			}
			catch (NumberFormatException ex) {
				findings.add(finding(object, "budget is neither a count nor a percentage"));
				continue;
			}
			if (allowed < 1) {
				String budget = (maxUnavailable != null) ? "maxUnavailable " + value(maxUnavailable)
						: "minAvailable " + value(minAvailable);
				findings.add(finding(object, budget + " allows " + Math.max(allowed, 0)
						+ " eviction(s) at the minimum of " + replicas + " replica(s): node drains would block"));
			}
		}
		return findings;
	}

	private static int minimumReplicas(Workload workload, List<ScaleTarget> scaleTargets) {
		return scaleTargets.stream()
			.filter((target) -> target.targets(workload))
			.mapToInt(ScaleTarget::minReplicas)
			.findFirst()
			.orElse((workload.replicas() != null) ? workload.replicas() : 1);
	}

	/**
	 * A count or a percentage of the replicas, rounded up as the disruption controller
	 * does.
	 */
	private static int scaled(IntOrString value, int replicas) {
		if (value.getIntVal() != null) {
			return value.getIntVal();
		}
		String text = value.getStrVal().trim();
		if (text.endsWith("%")) {
			int percent = Integer.parseInt(text.substring(0, text.length() - 1));
			return (int) Math.ceil(percent * replicas / 100.0);
		}
		return Integer.parseInt(text);
	}

	private static String value(IntOrString value) {
		return (value.getIntVal() != null) ? String.valueOf(value.getIntVal()) : value.getStrVal();
	}

}
