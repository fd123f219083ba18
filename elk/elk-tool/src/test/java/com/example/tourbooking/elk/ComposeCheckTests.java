package com.example.tourbooking.elk;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start order of elk/docker-compose.yml, with docker/compose v2's semantics
 * (ComposeCheck): the repository's file is clean, and every dependency of it turned into
 * each wrong condition, every healthcheck removed and every service made one-shot is
 * caught.
 */
class ComposeCheckTests {

	@Test
	void theRepositoryComposeFileWaitsForEachServiceTheWayComposeCan() throws IOException {
		assertThat(ComposeCheck.check(compose())).isEmpty();
	}

	@Test
	void theOriginalMistakeIsCaught() throws IOException {
		Map<String, Object> compose = compose();
		service(compose, "elasticsearch").put("depends_on", Map.of("certs", Map.of("condition", "service_healthy")));
		assertThat(ComposeCheck.check(compose)).anySatisfy((problem) -> assertThat(problem)
			.contains("elasticsearch depends on certs being service_healthy, but certs is a one-shot"));
	}

	@Test
	void everyDependencyWithAnotherConditionIsCaughtUnlessComposeWouldAcceptIt() throws IOException {
		Map<String, Object> original = compose();
		List<String[]> dependencies = new ArrayList<>();
		services(original).forEach((name, value) -> dependencies(value)
			.forEach((target, config) -> dependencies.add(new String[] { name, target, config.get("condition") })));
		assertThat(dependencies).hasSizeGreaterThanOrEqualTo(5);
		for (String[] dependency : dependencies) {
			for (String condition : List.of("service_started", "service_healthy", "service_completed_successfully")) {
				if (condition.equals(dependency[2])) {
					continue;
				}
				Map<String, Object> compose = compose();
				dependencies(service(compose, dependency[0])).put(dependency[1], Map.of("condition", condition));
				assertThat(ComposeCheck.check(compose)).as("%s -> %s as %s", dependency[0], dependency[1], condition)
					.anySatisfy((problem) -> assertThat(problem)
						.contains(dependency[0] + " depends on " + dependency[1] + " being " + condition));
			}
		}
	}

	@Test
	void aHealthyDependencyOnAServiceWithoutHealthcheckIsCaught() throws IOException {
		Map<String, Object> compose = compose();
		service(compose, "elasticsearch").remove("healthcheck");
		assertThat(ComposeCheck.check(compose))
			.contains("compose: kibana-password depends on elasticsearch being service_healthy, but elasticsearch"
					+ " has no healthcheck: compose fails with \"has no healthcheck configured\"");
	}

	@Test
	void unknownServicesCyclesUndeclaredVolumesAndPublicPortsAreCaught() throws IOException {
		Map<String, Object> compose = compose();
		service(compose, "certs").put("depends_on", Map.of("logstash", Map.of("condition", "service_healthy")));
		dependencies(service(compose, "logstash")).put("kibanna", Map.of("condition", "service_healthy"));
		service(compose, "logstash").put("volumes", List.of("lsdta:/usr/share/logstash/data"));
		service(compose, "kibana").put("ports", List.of("5601:5601"));
		service(compose, "kibana").remove("restart");
		assertThat(ComposeCheck.check(compose))
			.contains("compose: logstash depends on kibanna, which is not a service of this file",
					"compose: logstash mounts volume lsdta, which is not declared under volumes:",
					"compose: kibana publishes 5601:5601 beyond loopback (use 127.0.0.1:...)",
					"compose: kibana must say restart: \"no\" (a one-shot that exits) or unless-stopped (long-running)")
			.anySatisfy((problem) -> assertThat(problem).startsWith("compose: dependency cycle"));
	}

	@Test
	void aOneShotWithAHealthcheckIsCaught() throws IOException {
		Map<String, Object> compose = compose();
		service(compose, "certs").put("healthcheck", Map.of("test", List.of("CMD", "true")));
		assertThat(ComposeCheck.check(compose)).anySatisfy((problem) -> assertThat(problem)
			.startsWith("compose: certs is a one-shot (restart: \"no\") with a healthcheck"));
	}

	private static Map<String, Object> compose() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of(SharedNode.ELK, "docker-compose.yml"))) {
			return new Yaml().load(reader);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> services(Map<String, Object> compose) {
		return (Map<String, Object>) compose.get("services");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(Map<String, Object> compose, String name) {
		return (Map<String, Object>) services(compose).get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, String>> dependencies(Object service) {
		Map<String, Object> map = (Map<String, Object>) service;
		Object dependsOn = map.get("depends_on");
		if (dependsOn == null) {
			return new LinkedHashMap<>();
		}
		Map<String, Map<String, String>> copy = new LinkedHashMap<>((Map<String, Map<String, String>>) dependsOn);
		map.put("depends_on", copy);
		return copy;
	}

}
