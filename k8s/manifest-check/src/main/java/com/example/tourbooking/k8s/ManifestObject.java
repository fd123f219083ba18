package com.example.tourbooking.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import tools.jackson.databind.JsonNode;

/**
 * One object of a rendered manifest: the YAML document as written and, when its kind is
 * known, the same object bound to the Kubernetes model.
 *
 * @param source the file (or name) the object was read from
 * @param tree the document as parsed, before any binding
 * @param resource the object bound to its fabric8 model class, or {@code null} when its
 * kind is unknown or binding failed
 */
record ManifestObject(String source, JsonNode tree, HasMetadata resource) {

	String kind() {
		return text("kind");
	}

	String apiVersion() {
		return text("apiVersion");
	}

	String name() {
		JsonNode name = this.tree.path("metadata").path("name");
		return name.isString() ? name.asString() : "<unnamed>";
	}

	/**
	 * The namespace, {@code ""} when the object does not set one (cluster-scoped objects
	 * or the namespace of the current context).
	 */
	String namespace() {
		JsonNode namespace = this.tree.path("metadata").path("namespace");
		return namespace.isString() ? namespace.asString() : "";
	}

	/** How findings name the object: {@code Kind namespace/name}. */
	String ref() {
		String shownKind = (kind() != null) ? kind() : "<no kind>";
		return shownKind + " " + (namespace().isEmpty() ? "" : namespace() + "/") + name();
	}

	boolean isA(Class<? extends HasMetadata> type) {
		return type.isInstance(this.resource);
	}

	<T extends HasMetadata> T as(Class<T> type) {
		return type.cast(this.resource);
	}

	private String text(String field) {
		JsonNode value = this.tree.path(field);
		return value.isString() ? value.asString() : null;
	}

}
