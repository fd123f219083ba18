package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;

/** Every HorizontalPodAutoscaler scales a workload that the overlay defines. */
final class ScaleTargetExistsPolicy implements Policy {

	@Override
	public String rule() {
		return "hpa-target-exists";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (ScaleTarget target : ScaleTarget.all(manifests)) {
			if (manifests.workloads().stream().noneMatch(target::targets)) {
				findings.add(finding(target.object(), "scaleTargetRef " + target.kind() + " " + target.name()
						+ " is not defined in namespace '" + target.object().namespace() + "'"));
			}
		}
		return findings;
	}

}
