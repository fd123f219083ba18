package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.autoscaling.v1.CrossVersionObjectReference;

/**
 * A HorizontalPodAutoscaler seen the way the policies need it ({@code autoscaling/v2} or
 * {@code v1}): what it scales and its replica bounds.
 *
 * @param object the HorizontalPodAutoscaler
 * @param kind the target kind
 * @param name the target name
 * @param minReplicas the lower bound ({@code 1} when not set, as the API server defaults
 * it)
 */
record ScaleTarget(ManifestObject object, String kind, String name, int minReplicas) {

	static List<ScaleTarget> all(Manifests manifests) {
		List<ScaleTarget> targets = new ArrayList<>();
		for (ManifestObject object : manifests
			.ofType(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class)) {
			var spec = object.as(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class)
				.getSpec();
			var ref = spec.getScaleTargetRef();
			targets.add(new ScaleTarget(object, (ref != null) ? ref.getKind() : null,
					(ref != null) ? ref.getName() : null, orOne(spec.getMinReplicas())));
		}
		for (ManifestObject object : manifests
			.ofType(io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class)) {
			var spec = object.as(io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class)
				.getSpec();
			CrossVersionObjectReference ref = spec.getScaleTargetRef();
			targets.add(new ScaleTarget(object, (ref != null) ? ref.getKind() : null,
					(ref != null) ? ref.getName() : null, orOne(spec.getMinReplicas())));
		}
		return targets;
	}

	boolean targets(Workload workload) {
		return workload.namespace().equals(this.object.namespace()) && workload.kind().equals(this.kind)
				&& workload.name().equals(this.name);
	}

	private static int orOne(Integer replicas) {
		return (replicas != null) ? replicas : 1;
	}

}
