package com.example.tourbooking.mockapiserver;

/**
 * What an authoriser sees of a request, parsed like kube-apiserver's RequestInfoFactory
 * (k8s.io/apiserver pkg/endpoints/request/requestinfo.go): a request under
 * {@code /api/v1} or {@code /apis/GROUP/VERSION} names a resource, optionally a namespace
 * and a name; for {@code namespaces/NAME} the namespace is NAME itself.
 *
 * @param resourceRequest whether the path names a resource (else discovery, version)
 * @param verb get, list, watch, create, update, patch, delete or deletecollection
 * @param group the API group ("" for the core group)
 * @param resource the resource (plural), e.g. namespaces or deployments
 * @param namespace the namespace, or "" at the cluster scope
 * @param name the object's name, or ""
 */
record RequestAttributes(boolean resourceRequest, String verb, String group, String resource, String namespace,
		String name) {

	static RequestAttributes of(String method, String path, String query) {
		String[] parts = path.replaceAll("^/+|/+$", "").split("/");
		int start;
		String group;
		if (parts.length >= 3 && parts[0].equals("api")) {
			group = "";
			start = 2;
		}
		else if (parts.length >= 4 && parts[0].equals("apis")) {
			group = parts[1];
			start = 3;
		}
		else {
			return new RequestAttributes(false, method.toLowerCase(), "", "", "", "");
		}
		String namespace = "";
		int resourceAt = start;
		if (parts[start].equals("namespaces") && parts.length > start + 1) {
			namespace = parts[start + 1];
			if (parts.length > start + 2) {
				resourceAt = start + 2;
			}
		}
		String resource = parts[resourceAt];
		String name = (parts.length > resourceAt + 1) ? parts[resourceAt + 1] : "";
		return new RequestAttributes(true, verb(method, name, query), group, resource, namespace, name);
	}

	boolean readOnly() {
		return this.verb.equals("get") || this.verb.equals("list") || this.verb.equals("watch");
	}

	/**
	 * The 403 body kube-apiserver answers when RBAC refuses: apimachinery's NewForbidden
	 * around the RBAC authoriser's reason.
	 */
	String forbiddenStatus(String user) {
		String qualified = this.group.isEmpty() ? this.resource : this.resource + "." + this.group;
		String scope = this.namespace.isEmpty() ? "at the cluster scope"
				: "in the namespace \"" + this.namespace + "\"";
		String reason = "User \"%s\" cannot %s resource \"%s\" in API group \"%s\" %s".formatted(user, this.verb,
				this.resource, this.group, scope);
		String message = this.name.isEmpty() ? qualified + " is forbidden: " + reason
				: qualified + " \"" + this.name + "\" is forbidden: " + reason;
		String details = this.name.isEmpty() ? "" : "\"name\":\"" + this.name + "\",";
		String group = this.group.isEmpty() ? "" : "\"group\":\"" + this.group + "\",";
		return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
				+ message.replace("\"", "\\\"") + "\",\"reason\":\"Forbidden\",\"details\":{" + details + group
				+ "\"kind\":\"" + this.resource + "\"},\"code\":403}";
	}

	private static String verb(String method, String name, String query) {
		boolean watch = query != null && (query.contains("watch=true") || query.contains("watch=1"));
		return switch (method) {
			case "GET", "HEAD" -> watch ? "watch" : (name.isEmpty() ? "list" : "get");
			case "POST" -> "create";
			case "PUT" -> "update";
			case "PATCH" -> "patch";
			case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
			default -> method.toLowerCase();
		};
	}

}
