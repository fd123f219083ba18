package com.example.tourbooking.mockapiserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user of the MOCK API server and what RBAC grants it: everything (group
 * {@code system:masters}), or the {@code edit} role bound in one namespace (a
 * namespace-scoped deployer: EKS access entry with an access policy scoped to the
 * namespace), which reads its Namespace but never writes it and sees nothing at the
 * cluster scope. Discovery is open to every authenticated user, as
 * {@code system:discovery} is.
 *
 * @param name the user name
 * @param clusterAdmin whether the user is in {@code system:masters}
 * @param namespace the namespace of its RoleBinding, or null
 */
record ApiUser(String name, boolean clusterAdmin, String namespace) {

	boolean allows(RequestAttributes request) {
		if (this.clusterAdmin || !request.resourceRequest()) {
			return true;
		}
		if (this.namespace == null || !this.namespace.equals(request.namespace())) {
			return false;
		}
		return !"namespaces".equals(request.resource()) || request.readOnly();
	}

	/**
	 * Reads a kube-apiserver {@code --token-auth-file} (CSV: token, user, uid,
	 * "group1,group2") and binds the users named in {@code bindings} (user to namespace).
	 */
	static Map<String, ApiUser> fromTokenFile(Path file, Map<String, String> bindings) throws IOException {
		Map<String, ApiUser> users = new HashMap<>();
		for (String line : Files.readAllLines(file)) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.split(",", 4);
			if (fields.length < 3) {
				throw new IllegalArgumentException(file + ": a line is token,user,uid[,\"groups\"]");
			}
			List<String> groups = (fields.length == 4) ? List.of(fields[3].replace("\"", "").split(",")) : List.of();
			String user = fields[1].trim();
			users.put(fields[0].trim(), new ApiUser(user, groups.contains("system:masters"), bindings.get(user)));
		}
		return users;
	}

}
