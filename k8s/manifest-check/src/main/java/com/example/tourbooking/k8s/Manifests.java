package com.example.tourbooking.k8s;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

/**
 * The objects of one rendered overlay that bound to the model, with the look-ups policies
 * share.
 */
final class Manifests {

	private final List<ManifestObject> objects;

	Manifests(List<ManifestObject> objects) {
		this.objects = objects.stream().filter((object) -> object.resource() != null).toList();
	}

	<T extends HasMetadata> List<ManifestObject> ofType(Class<T> type) {
		return this.objects.stream().filter((object) -> object.isA(type)).toList();
	}

	List<Workload> workloads() {
		return this.objects.stream().map(Workload::of).flatMap(Optional::stream).toList();
	}

	Optional<ManifestObject> find(Class<? extends HasMetadata> type, String namespace, String name) {
		return ofType(type).stream()
			.filter((object) -> object.namespace().equals(namespace) && object.name().equals(name))
			.findFirst();
	}

	/**
	 * Workloads in the namespace whose pod labels carry every label of a Service
	 * selector.
	 */
	List<Workload> selectedBy(String namespace, Map<String, String> selector) {
		return workloads().stream()
			.filter((workload) -> workload.namespace().equals(namespace))
			.filter((workload) -> workload.podLabels().entrySet().containsAll(selector.entrySet()))
			.toList();
	}

	/** Workloads in the namespace whose pod labels a label selector matches. */
	List<Workload> selectedBy(String namespace, LabelSelector selector) {
		return workloads().stream()
			.filter((workload) -> workload.namespace().equals(namespace))
			.filter((workload) -> matches(selector, workload.podLabels()))
			.toList();
	}

	/**
	 * Whether a label selector matches labels, as the API server evaluates it; a
	 * {@code null} selector matches nothing and an empty one everything.
	 */
	static boolean matches(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
			return false;
		}
		if (selector.getMatchExpressions() != null) {
			for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
				if (!matches(requirement, labels)) {
					return false;
				}
			}
		}
		return true;
	}

	private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
		String value = labels.get(requirement.getKey());
		List<String> values = (requirement.getValues() != null) ? requirement.getValues() : List.of();
		return switch (String.valueOf(requirement.getOperator())) {
			case "In" -> value != null && values.contains(value);
			case "NotIn" -> value == null || !values.contains(value);
			case "Exists" -> value != null;
			case "DoesNotExist" -> value == null;
			default -> false;
		};
	}

}
