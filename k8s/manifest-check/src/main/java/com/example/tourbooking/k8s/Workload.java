package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * An object that runs pods from a template (Deployment, StatefulSet, DaemonSet), seen the
 * way the policies need it: selector, pod labels, containers and replica count.
 *
 * @param object the manifest object
 * @param selector the workload's pod selector
 * @param template the pod template
 * @param replicas {@code spec.replicas}, {@code null} when not set
 */
record Workload(ManifestObject object, LabelSelector selector, PodTemplateSpec template, Integer replicas) {

	static Optional<Workload> of(ManifestObject object) {
		if (object.resource() instanceof Deployment deployment && deployment.getSpec() != null) {
			return Optional.of(new Workload(object, deployment.getSpec().getSelector(),
					deployment.getSpec().getTemplate(), deployment.getSpec().getReplicas()));
		}
		if (object.resource() instanceof StatefulSet statefulSet && statefulSet.getSpec() != null) {
			return Optional.of(new Workload(object, statefulSet.getSpec().getSelector(),
					statefulSet.getSpec().getTemplate(), statefulSet.getSpec().getReplicas()));
		}
		if (object.resource() instanceof DaemonSet daemonSet && daemonSet.getSpec() != null) {
			return Optional
				.of(new Workload(object, daemonSet.getSpec().getSelector(), daemonSet.getSpec().getTemplate(), null));
		}
		return Optional.empty();
	}

	Map<String, String> podLabels() {
		if (this.template == null || this.template.getMetadata() == null
				|| this.template.getMetadata().getLabels() == null) {
			return Map.of();
		}
		return this.template.getMetadata().getLabels();
	}

	PodSpec podSpec() {
		return (this.template != null && this.template.getSpec() != null) ? this.template.getSpec() : new PodSpec();
	}

	/** The long-running containers (init containers excluded). */
	List<Container> containers() {
		return (podSpec().getContainers() != null) ? podSpec().getContainers() : List.of();
	}

	/** Every container, init containers included (for image rules). */
	List<Container> allContainers() {
		List<Container> all = new ArrayList<>(containers());
		if (podSpec().getInitContainers() != null) {
			all.addAll(podSpec().getInitContainers());
		}
		return all;
	}

	String namespace() {
		return this.object.namespace();
	}

	String name() {
		return this.object.name();
	}

	String kind() {
		return this.object.kind();
	}

}
