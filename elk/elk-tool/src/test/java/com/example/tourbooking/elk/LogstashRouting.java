package com.example.tourbooking.elk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One pipeline of elk/logstash/pipeline as the end-to-end test uses it: the event made by
 * the input a producer talks to (tcp json_lines or http), run through the pipeline's
 * filters by {@link LogstashStandIn} (Logstash cannot run here), and the data stream the
 * elasticsearch output's {@code data_stream_auto_routing} then writes to:
 * {@code <type>-<dataset>-<namespace>} from the event's {@code [data_stream]} fields,
 * each missing one taken from the output's {@code data_stream_*} setting
 * (logstash-plugins/logstash-output-elasticsearch, lib/logstash/outputs/elasticsearch/
 * data_stream_support.rb, {@code data_stream_name}); with {@code data_stream_sync_fields}
 * the event's fields are set to the names used.
 */
final class LogstashRouting {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String pipeline;

	private final LogstashStandIn logstash;

	private final Input input;

	private final Map<String, Object> output;

	/** Which input of the pipeline a producer sends to. */
	enum Input {

		/** tcp with codec json_lines: the app's encoder, the Jenkins Logstash plugin. */
		JSON_LINES,

		/** http with a JSON body: Ansible's deploy events, stage events, the gate. */
		HTTP

	}

	private LogstashRouting(String pipeline, LogstashStandIn logstash, Input input, Map<String, Object> output) {
		this.pipeline = pipeline;
		this.logstash = logstash;
		this.input = input;
		this.output = output;
	}

	static LogstashRouting read(Path pipelineFile, Input input) throws IOException {
		String text = Files.readString(pipelineFile, StandardCharsets.UTF_8);
		Map<String, Object> output = LogstashConfig.parse(text)
			.plugins()
			.stream()
			.filter((plugin) -> "output".equals(plugin.section()) && "elasticsearch".equals(plugin.name()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(pipelineFile + " has no elasticsearch output"))
			.settings();
		if (!"true".equals(String.valueOf(output.get("data_stream")))
				|| "false".equals(String.valueOf(output.get("data_stream_auto_routing")))) {
			throw new IllegalStateException(pipelineFile + ": the test models data_stream => true with auto routing");
		}
		return new LogstashRouting(pipelineFile.getFileName().toString(), new LogstashStandIn(text), input, output);
	}

	/** The event as the pipeline would index it, and the data stream it goes to. */
	Routed route(ObjectNode sent) throws IOException {
		String body = JSON.writeValueAsString(sent);
		Map<String, Object> event = (this.input == Input.HTTP) ? this.logstash.fromHttpPost(body, "127.0.0.1")
				: LogstashStandIn.fromJsonLine(body);
		this.logstash.filter(event);
		StringBuilder dataStream = new StringBuilder();
		for (String part : new String[] { "type", "dataset", "namespace" }) {
			Object value = LogstashStandIn.get(event, "[data_stream][" + part + "]");
			String name = (value != null) ? String.valueOf(value)
					: String.valueOf(this.output.getOrDefault("data_stream_" + part, defaultName(part)));
			if (!"false".equals(String.valueOf(this.output.get("data_stream_sync_fields")))) {
				LogstashStandIn.set(event, "[data_stream][" + part + "]", name);
			}
			dataStream.append(dataStream.isEmpty() ? "" : "-").append(name);
		}
		return new Routed(this.pipeline, dataStream.toString(), JSON.valueToTree(event));
	}

	/** The output's defaults: logs, generic, default. */
	private static String defaultName(String part) {
		return switch (part) {
			case "type" -> "logs";
			case "dataset" -> "generic";
			default -> "default";
		};
	}

	/** One event after the pipeline, and where it is indexed. */
	record Routed(String pipeline, String dataStream, ObjectNode event) {
	}

}
