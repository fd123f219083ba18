package com.example.tourbooking.elk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static checks on the repository's elk/ (which must be clean) and on copies broken
 * on purpose (which must be caught): templates against the contract, retention, least
 * privilege, Logstash pipelines, Kibana references and fields.
 */
class StaticChecksTests {

	static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path copy;

	@Test
	void theRepositoryElkFolderHasNoProblems() throws IOException {
		assertThat(run(Path.of(SharedNode.ELK))).isEmpty();
	}

	@Test
	void aTemplateTypeThatDiffersFromTheContractIsCaught() throws IOException {
		Path elk = copyOfElk();
		Path file = elk.resolve("elasticsearch/component-templates/tourbooking-app-mappings.json");
		ObjectNode template = (ObjectNode) JSON.readTree(file.toFile());
		((ObjectNode) template.at("/template/mappings/properties/http/properties/response/properties/status_code"))
			.put("type", "keyword");
		JSON.writeValue(file.toFile(), template);
		assertThat(run(elk)).contains(
				"tourbooking-app-mappings.json differs from the field contract: run 'elk-tool mappings'",
				"logs-tourbooking.app: http.response.status_code is mapped as keyword, the contract says long");
	}

	@Test
	void aPolicyWithoutRetentionAndAGreedyWriterAreCaught() throws IOException {
		Path elk = copyOfElk();
		replace(elk.resolve("elasticsearch/ilm-policies/tourbooking-logs.json"), "\"min_age\": \"30d\"",
				"\"min_age\": \"forever\"");
		replace(elk.resolve("elasticsearch/roles/tourbooking_logstash_writer.json"), "\"create_doc\"", "\"all\"");
		assertThat(run(elk)).contains(
				"tourbooking-logs.json: needs a delete phase with a min_age in days (the retention)",
				"tourbooking_logstash_writer.json: a writer needs only create_doc and auto_configure, not all");
	}

	@Test
	void aDanglingKibanaReferenceAndAnUnmappedFieldAreCaught() throws IOException {
		Path elk = copyOfElk();
		Files.delete(elk.resolve("kibana/objects/visualization-service-status-codes.ndjson"));
		replace(elk.resolve("kibana/objects/visualization-bookings-seats-per-tour.ndjson"), "reservation.headcount",
				"reservation.seats");
		assertThat(run(elk)).contains(
				"dashboard:tourbooking-service references visualization:service-status-codes, which is not in elk/kibana/objects",
				"visualization:bookings-seats-per-tour uses field reservation.seats, which the index templates do not map");
	}

	@Test
	void aKibanaFeaturePrivilegeDeprecatedIn818IsCaught() throws IOException {
		Path elk = copyOfElk();
		replace(elk.resolve("elasticsearch/roles/tourbooking_kibana_reader.json"), "feature_discover_v2.read",
				"feature_discover.read");
		assertThat(run(elk)).contains(
				"tourbooking_kibana_reader.json: feature_discover.read is deprecated since Kibana 8.18, use feature_discover_v2.read");
	}

	@Test
	void aBrokenPipelineIsCaught() throws IOException {
		Path elk = copyOfElk();
		replace(elk.resolve("logstash/pipeline/deploy.conf"), "id => \"deploy-http\"", "id => \"deploy-http");
		assertThat(run(elk)).anyMatch((problem) -> problem.startsWith("deploy.conf: syntax error at line"));
	}

	@Test
	void theCheckCommandExitsNonZeroOnProblems() throws IOException {
		Path elk = copyOfElk();
		replace(elk.resolve("logstash/pipeline/app.conf"), "id => \"app-route-dataset\"", "");
		SharedNode.Result result = SharedNode.run(java.util.Map.of(), "check", "--assets", elk.toString());
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("filter/mutate has no id").contains("check: 1 problem(s)");
	}

	private static List<String> run(Path elk) throws IOException {
		return new StaticChecks(elk).run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
	}

	private static void replace(Path file, String from, String to) throws IOException {
		String text = Files.readString(file);
		assertThat(text).as(file + " contains the text to break").contains(from);
		Files.writeString(file, text.replace(from, to));
	}

	private static boolean isAsset(String relative) {
		return !relative.startsWith("elk-tool") && !relative.startsWith("es-node");
	}

	private Path copyOfElk() throws IOException {
		Path source = Path.of(SharedNode.ELK).toRealPath();
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.filter((p) -> isAsset(source.relativize(p).toString())).toList()) {
				Path target = this.copy.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		return this.copy;
	}

}
