package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Binds each parsed document to the fabric8 Kubernetes model, which knows the kinds, the
 * fields and their types: an unknown kind, a field the model does not have and a value of
 * the wrong type are findings. Required fields are not known to the model;
 * {@link OpenApiSchemaCheck} covers them.
 */
final class ModelSchemaCheck {

	/**
	 * Generally available API versions ({@code v1}, {@code apps/v1},
	 * {@code autoscaling/v2}): every alpha or beta version is either removed by
	 * Kubernetes 1.30 or off by default.
	 */
	private static final Pattern GA_API_VERSION = Pattern.compile("([a-z0-9.-]+/)?v[0-9]+");

	private final KubernetesSerialization serialization = new KubernetesSerialization();

	private final UnknownFieldFinder unknownFields = new UnknownFieldFinder();

	/**
	 * What binding found.
	 *
	 * @param objects every object, bound where binding worked
	 * @param knownKinds the objects of a known kind (bound or not: their values may not
	 * fit)
	 * @param findings what is wrong
	 */
	record Result(List<ManifestObject> objects, List<ManifestObject> knownKinds, List<Finding> findings) {

		boolean allBound() {
			return this.objects.stream().allMatch((object) -> object.resource() != null);
		}

	}

	Result bind(String source, List<JsonNode> documents) {
		List<ManifestObject> objects = new ArrayList<>();
		List<ManifestObject> knownKinds = new ArrayList<>();
		List<Finding> findings = new ArrayList<>();
		for (JsonNode document : documents) {
			ManifestObject unbound = new ManifestObject(source, document, null);
			Class<? extends KubernetesResource> type = knownType(unbound, findings);
			HasMetadata resource = (type != null) ? bindOne(unbound, type, findings) : null;
			ManifestObject object = new ManifestObject(source, document, resource);
			objects.add(object);
			if (type != null) {
				knownKinds.add(object);
			}
		}
		return new Result(objects, knownKinds, findings);
	}

	private Class<? extends KubernetesResource> knownType(ManifestObject object, List<Finding> findings) {
		if (!object.tree().isObject()) {
			findings.add(Finding.of(object, "schema-kind", "document is not a Kubernetes object (not a YAML mapping)"));
			return null;
		}
		if (object.apiVersion() == null || object.kind() == null) {
			findings.add(Finding.of(object, "schema-required", "missing required field apiVersion or kind"));
			return null;
		}
		Class<? extends KubernetesResource> type = this.serialization
			.getRegisteredKubernetesResource(object.apiVersion(), object.kind());
		if (!GA_API_VERSION.matcher(object.apiVersion()).matches() || type == null
				|| GenericKubernetesResource.class.equals(type) || !HasMetadata.class.isAssignableFrom(type)) {
			findings.add(Finding.of(object, "schema-kind", object.apiVersion() + " " + object.kind()
					+ " is not a generally available Kubernetes 1.30+ kind (check apiVersion and kind)"));
			return null;
		}
		return type;
	}

	private HasMetadata bindOne(ManifestObject object, Class<? extends KubernetesResource> type,
			List<Finding> findings) {
		HasMetadata resource;
		try {
			resource = (HasMetadata) this.serialization.convertValue(object.tree(), type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			findings.add(Finding.of(object, "schema-type",
					"does not match the " + object.kind() + " schema: " + firstLine(ex.getMessage())));
			return null;
		}
		for (UnknownFieldFinder.Unmatched unmatched : this.unknownFields.find(resource)) {
			String rule = unmatched.knownField() ? "schema-type" : "schema-unknown-field";
			String problem = unmatched.knownField() ? "has a value of the wrong type"
					: "is not a field of " + unmatched.ownerType();
			findings.add(Finding.of(object, rule, unmatched.path() + " " + problem));
		}
		return resource;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable value";
		}
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

}
