package com.example.tourbooking.elk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static checks of elk/docker-compose.yml's start order, with the semantics of
 * docker/compose v2 (pkg/compose/convergence.go, waitDependencies and isServiceHealthy):
 * a service_healthy dependency fails with "container ... exited" once the dependency has
 * exited and with "has no healthcheck configured" when it defines none;
 * service_completed_successfully waits until the container exits with 0, so it must name
 * a one-shot service, never a long-running one. Here every service says which it is:
 * {@code restart: "no"} for a one-shot, {@code restart: unless-stopped} for a
 * long-running service.
 */
final class ComposeCheck {

	private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy",
			"service_completed_successfully");

	private ComposeCheck() {
	}

	@SuppressWarnings("unchecked")
	static List<String> check(Map<String, Object> compose) {
		List<String> problems = new ArrayList<>();
		Map<String, Object> services = (Map<String, Object>) compose.getOrDefault("services", Map.of());
		Set<String> volumes = ((Map<String, Object>) nonNull(compose.get("volumes"))).keySet();
		Map<String, List<String>> edges = new LinkedHashMap<>();
		services.forEach((name, value) -> {
			Map<String, Object> service = (Map<String, Object>) value;
			String restart = String.valueOf(service.get("restart"));
			boolean oneShot = "no".equals(restart);
			if (!oneShot && !"unless-stopped".equals(restart) && !"always".equals(restart)) {
				problems.add("compose: " + name
						+ " must say restart: \"no\" (a one-shot that exits) or unless-stopped (long-running)");
			}
			if (oneShot && hasHealthcheck(service)) {
				problems.add("compose: " + name
						+ " is a one-shot (restart: \"no\") with a healthcheck: it exits before it can be healthy;"
						+ " wait for it with service_completed_successfully instead");
			}
			for (Map.Entry<String, Map<String, Object>> dependency : dependencies(service.get("depends_on"))
				.entrySet()) {
				String target = dependency.getKey();
				String condition = String.valueOf(dependency.getValue().getOrDefault("condition", "service_started"));
				edges.computeIfAbsent(name, (key) -> new ArrayList<>()).add(target);
				Map<String, Object> other = (Map<String, Object>) services.get(target);
				String where = "compose: " + name + " depends on " + target;
				if (other == null) {
					problems.add(where + ", which is not a service of this file");
					continue;
				}
				if (!CONDITIONS.contains(condition)) {
					problems.add(where + " with unknown condition " + condition);
					continue;
				}
				boolean otherOneShot = "no".equals(String.valueOf(other.get("restart")));
				if ("service_healthy".equals(condition) && otherOneShot) {
					problems.add(where + " being service_healthy, but " + target
							+ " is a one-shot: compose fails with \"container ... exited (0)\";"
							+ " use service_completed_successfully");
				}
				else if ("service_healthy".equals(condition) && !hasHealthcheck(other)) {
					problems.add(where + " being service_healthy, but " + target
							+ " has no healthcheck: compose fails with \"has no healthcheck configured\"");
				}
				if ("service_completed_successfully".equals(condition) && !otherOneShot) {
					problems.add(where + " being service_completed_successfully, but " + target
							+ " is long-running (restart is not \"no\"): it never completes");
				}
				if ("service_started".equals(condition) && !otherOneShot && hasHealthcheck(other)) {
					problems.add(where + " being service_started, but " + target
							+ " defines a healthcheck: wait with service_healthy, it may not answer yet");
				}
				if ("service_started".equals(condition) && otherOneShot) {
					problems.add(where + " being service_started, but " + target
							+ " is a one-shot: its work may not be done; use service_completed_successfully");
				}
			}
			for (Object volume : (List<Object>) nonNullList(service.get("volumes"))) {
				String source = String.valueOf(volume).split(":")[0];
				if (!source.startsWith(".") && !source.startsWith("/") && !volumes.contains(source)) {
					problems.add(
							"compose: " + name + " mounts volume " + source + ", which is not declared under volumes:");
				}
			}
			for (Object port : (List<Object>) nonNullList(service.get("ports"))) {
				if (!String.valueOf(port).startsWith("127.0.0.1:")) {
					problems.add("compose: " + name + " publishes " + port + " beyond loopback (use 127.0.0.1:...)");
				}
			}
		});
		String cycle = cycle(edges);
		if (cycle != null) {
			problems.add("compose: dependency cycle " + cycle);
		}
		return problems;
	}

	@SuppressWarnings("unchecked")
	private static boolean hasHealthcheck(Map<String, Object> service) {
		Object healthcheck = service.get("healthcheck");
		if (!(healthcheck instanceof Map)) {
			return false;
		}
		Map<String, Object> check = (Map<String, Object>) healthcheck;
		Object test = check.get("test");
		boolean none = (test instanceof List<?> list) && !list.isEmpty() && "NONE".equals(list.get(0));
		return !Boolean.TRUE.equals(check.get("disable")) && test != null && !none;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> dependencies(Object dependsOn) {
		Map<String, Map<String, Object>> dependencies = new LinkedHashMap<>();
		if (dependsOn instanceof List<?> list) {
			list.forEach((name) -> dependencies.put(String.valueOf(name), Map.of()));
		}
		else if (dependsOn instanceof Map<?, ?> map) {
			map.forEach((name, config) -> dependencies.put(String.valueOf(name),
					(config instanceof Map) ? (Map<String, Object>) config : Map.of()));
		}
		return dependencies;
	}

	private static String cycle(Map<String, List<String>> edges) {
		Set<String> done = new HashSet<>();
		for (String start : edges.keySet()) {
			String found = visit(start, edges, new ArrayList<>(), done);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private static String visit(String node, Map<String, List<String>> edges, List<String> path, Set<String> done) {
		if (path.contains(node)) {
			return String.join(" -> ", path.subList(path.indexOf(node), path.size())) + " -> " + node;
		}
		if (!done.add(node)) {
			return null;
		}
		path.add(node);
		for (String next : edges.getOrDefault(node, List.of())) {
			String found = visit(next, edges, path, done);
			if (found != null) {
				return found;
			}
		}
		path.remove(path.size() - 1);
		return null;
	}

	private static Object nonNull(Object value) {
		return (value == null) ? Map.of() : value;
	}

	private static Object nonNullList(Object value) {
		return (value == null) ? List.of() : value;
	}

}
