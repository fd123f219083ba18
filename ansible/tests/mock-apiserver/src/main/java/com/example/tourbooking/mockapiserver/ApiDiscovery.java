package com.example.tourbooking.mockapiserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The discovery documents ({@code /version}, {@code /api}, {@code /apis}, one resource
 * list per group version) that clients read before any request; fabric8's CRUD mock does
 * not serve them.
 */
final class ApiDiscovery {

	private static final List<String> VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");

	private final Map<String, String> documents;

	private ApiDiscovery(Map<String, String> documents) {
		this.documents = documents;
	}

	/**
	 * The kinds a Kustomize overlay of a web service uses, in the groups a 1.32 cluster
	 * serves.
	 */
	static ApiDiscovery builtIn() {
		Map<String, List<APIResource>> groups = new LinkedHashMap<>();
		groups.put("v1",
				List.of(resource("namespaces", "Namespace", false), resource("services", "Service", true),
						resource("configmaps", "ConfigMap", true), resource("secrets", "Secret", true),
						resource("serviceaccounts", "ServiceAccount", true), resource("pods", "Pod", true),
						resource("events", "Event", true), resource("endpoints", "Endpoints", true)));
		groups.put("apps/v1",
				List.of(resource("deployments", "Deployment", true), resource("deployments/status", "Deployment", true),
						resource("replicasets", "ReplicaSet", true), resource("replicasets/status", "ReplicaSet", true),
						resource("statefulsets", "StatefulSet", true), resource("daemonsets", "DaemonSet", true),
						resource("controllerrevisions", "ControllerRevision", true)));
		groups.put("policy/v1", List.of(resource("poddisruptionbudgets", "PodDisruptionBudget", true)));
		groups.put("autoscaling/v2", List.of(resource("horizontalpodautoscalers", "HorizontalPodAutoscaler", true)));
		groups.put("networking.k8s.io/v1", List.of(resource("ingresses", "Ingress", true),
				resource("networkpolicies", "NetworkPolicy", true), resource("ingressclasses", "IngressClass", false)));
		groups.put("rbac.authorization.k8s.io/v1",
				List.of(resource("roles", "Role", true), resource("rolebindings", "RoleBinding", true)));

		Map<String, String> documents = new LinkedHashMap<>();
		VersionInfo version = new VersionInfo.Builder().withMajor("1")
			.withMinor("32")
			.withGitVersion("v1.32.0-fabric8-mock")
			.withPlatform("linux/amd64")
			.build();
		documents.put("/version", Serialization.asJson(version));
		documents.put("/api", Serialization.asJson(new APIVersionsBuilder().withVersions("v1").build()));
		APIGroupListBuilder groupList = new APIGroupListBuilder();
		List<String> named = new ArrayList<>();
		groups.forEach((groupVersion, resources) -> {
			String path = groupVersion.equals("v1") ? "/api/v1" : "/apis/" + groupVersion;
			documents.put(path, Serialization
				.asJson(new APIResourceListBuilder().withGroupVersion(groupVersion).withResources(resources).build()));
			if (!groupVersion.equals("v1")) {
				named.add(groupVersion);
			}
		});
		for (String groupVersion : named) {
			String[] parts = groupVersion.split("/");
			var discovered = new GroupVersionForDiscoveryBuilder().withGroupVersion(groupVersion)
				.withVersion(parts[1])
				.build();
			var group = new APIGroupBuilder().withName(parts[0])
				.withVersions(discovered)
				.withPreferredVersion(discovered)
				.build();
			groupList.addToGroups(group);
			documents.put("/apis/" + parts[0], Serialization.asJson(group));
		}
		documents.put("/apis", Serialization.asJson(groupList.build()));
		return new ApiDiscovery(documents);
	}

	/**
	 * The document served at a path (query ignored, as kubectl adds
	 * {@code ?timeout=32s}), or null.
	 */
	String documentAt(String pathAndQuery) {
		int query = pathAndQuery.indexOf('?');
		return this.documents.get((query < 0) ? pathAndQuery : pathAndQuery.substring(0, query));
	}

	private static APIResource resource(String name, String kind, boolean namespaced) {
		boolean subresource = name.contains("/");
		return new APIResourceBuilder().withName(name)
			.withSingularName(subresource ? "" : kind.toLowerCase())
			.withKind(kind)
			.withNamespaced(namespaced)
			.withVerbs(subresource ? List.of("get", "patch", "update") : VERBS)
			.build();
	}

}
