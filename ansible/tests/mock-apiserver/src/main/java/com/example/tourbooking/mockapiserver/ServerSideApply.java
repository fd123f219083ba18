package com.example.tourbooking.mockapiserver;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.server.mock.crud.PostHandler;
import io.fabric8.kubernetes.client.server.mock.crud.PutHandler;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A SIMPLIFIED server-side apply for the MOCK API server: the applied object is
 * deep-merged into the stored one (maps merged, lists and scalars replaced, status kept),
 * an apply that changes nothing writes nothing, and {@code dryRun=All} persists nothing.
 * Unlike a real API server it tracks no field ownership, so it never reports conflicts
 * and never prunes fields that an earlier apply set and a later one dropped.
 */
final class ServerSideApply {

	private final KubernetesCrudDispatcher crud;

	private final PostHandler create;

	private final PutHandler replace;

	ServerSideApply(KubernetesCrudDispatcher crud) {
		this.crud = crud;
		this.create = new PostHandler(new KubernetesAttributesExtractor(), crud);
		this.replace = new PutHandler(crud);
	}

	MockResponse handle(String pathAndQuery, String body) {
		try {
			return apply(pathAndQuery, body);
		}
		catch (KubernetesCrudDispatcherException ex) {
			return ApplyAwareDispatcher.json(ex.getCode(), ex.toStatusBody());
		}
	}

	private MockResponse apply(String pathAndQuery, String body) throws KubernetesCrudDispatcherException {
		URI uri = URI.create(pathAndQuery);
		String path = uri.getPath();
		String query = (uri.getQuery() != null) ? uri.getQuery() : "";
		if (!hasParameter(query, "fieldManager")) {
			throw new KubernetesCrudDispatcherException("fieldManager is required for apply requests", 422);
		}
		boolean dryRun = hasParameter(query, "dryRun");
		ObjectNode applied = (ObjectNode) this.crud.asNode(body);
		applied.remove("status");
		((ObjectNode) applied.path("metadata")).remove("resourceVersion");

		defaultReplicas(applied);
		AttributeSet key = this.crud.getKey(path);
		Map.Entry<AttributeSet, String> stored = this.crud.findResource(key);
		if (stored == null) {
			if (dryRun) {
				return ApplyAwareDispatcher.json(201, applied.toString());
			}
			return this.create.handle(path.substring(0, path.lastIndexOf('/')), "application/json", applied.toString());
		}
		JsonNode current = this.crud.asNode(stored);
		JsonNode merged = merge(current.deepCopy(), applied);
		if (merged.equals(current) || dryRun) {
			return ApplyAwareDispatcher.json(200, merged.toString());
		}
		return this.replace.handle(path, "application/json", merged.toString());
	}

	private static void defaultReplicas(ObjectNode applied) {
		if ("Deployment".equals(applied.path("kind").asString()) && applied.path("spec").isObject()
				&& !applied.path("spec").has("replicas")) {
			((ObjectNode) applied.get("spec")).put("replicas", 1);
		}
	}

	/**
	 * Deep-merges {@code patch} into {@code target}: maps merge, everything else
	 * replaces.
	 */
	static JsonNode merge(JsonNode target, JsonNode patch) {
		if (!target.isObject() || !patch.isObject()) {
			return patch.deepCopy();
		}
		ObjectNode result = (ObjectNode) target;
		for (Map.Entry<String, JsonNode> field : patch.properties()) {
			JsonNode existing = result.get(field.getKey());
			result.set(field.getKey(),
					(existing == null) ? field.getValue().deepCopy() : merge(existing, field.getValue()));
		}
		return result;
	}

	private static boolean hasParameter(String query, String name) {
		return Arrays.stream(query.split("&")).anyMatch((pair) -> pair.equals(name) || pair.startsWith(name + "="));
	}

}
