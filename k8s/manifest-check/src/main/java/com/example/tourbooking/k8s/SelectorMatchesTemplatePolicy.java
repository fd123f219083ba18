package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every workload's selector matches its own pod template (the API server rejects it
 * otherwise), and selects on {@code app.kubernetes.io/name} only, so label changes never
 * rewrite a selector, which is immutable.
 */
final class SelectorMatchesTemplatePolicy implements Policy {

	static final String NAME_LABEL = "app.kubernetes.io/name";

	@Override
	public String rule() {
		return "selector-matches-template";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			if (!Manifests.matches(workload.selector(), workload.podLabels())) {
				findings.add(finding(workload.object(),
						"selector does not match the pod template labels " + workload.podLabels()));
			}
			else if (workload.selector().getMatchExpressions() != null
					&& !workload.selector().getMatchExpressions().isEmpty()
					|| workload.selector().getMatchLabels() == null
					|| !workload.selector().getMatchLabels().keySet().equals(Set.of(NAME_LABEL))) {
				findings.add(finding(workload.object(), "selector must be matchLabels on " + NAME_LABEL + " only"));
			}
		}
		return findings;
	}

}
