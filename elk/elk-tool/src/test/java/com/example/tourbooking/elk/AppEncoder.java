package com.example.tourbooking.elk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;

/**
 * The application's real JSON encoder: app/src/main/resources/logging/json-encoder.xml
 * loaded with Logback's JoranConfigurator, its "console-json" appender writing into a
 * buffer instead of stdout. What tests log through it is exactly what the service would
 * print.
 */
final class AppEncoder {

	static final Path ENCODER_FILE = Path.of(System.getProperty("app.logging.dir"), "json-encoder.xml");

	private final LoggerContext context = new LoggerContext();

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

	AppEncoder(String serviceVersion) throws JoranException {
		if (!Files.isRegularFile(ENCODER_FILE)) {
			throw new IllegalStateException("the application's encoder file is missing: " + ENCODER_FILE);
		}
		// MDC values (request id, user id, trace ids) reach the encoder through SLF4J's
		// adapter.
		this.context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
		this.context.putProperty("serviceName", "tour-booking");
		this.context.putProperty("serviceVersion", serviceVersion);
		String configuration = "<configuration><include file=\"" + ENCODER_FILE.toAbsolutePath()
				+ "\"/><root level=\"INFO\"><appender-ref ref=\"console-json\"/></root></configuration>";
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(this.context);
		configurator.doConfigure(new ByteArrayInputStream(configuration.getBytes(StandardCharsets.UTF_8)));
		failOnProblems("the encoder configuration has problems: ");
		@SuppressWarnings("unchecked")
		OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) this.context
			.getLogger(Logger.ROOT_LOGGER_NAME)
			.getAppender("console-json");
		if (appender == null) {
			throw new IllegalStateException(ENCODER_FILE + " no longer defines the appender console-json");
		}
		appender.setOutputStream(this.buffer);
	}

	org.slf4j.Logger logger(Class<?> type) {
		return this.context.getLogger(type);
	}

	/** Every JSON line written so far; fails when the encoder reported an error. */
	List<String> lines() {
		failOnProblems("the encoder failed: ");
		return Arrays.stream(this.buffer.toString(StandardCharsets.UTF_8).split("\n"))
			.filter((line) -> !line.isBlank())
			.toList();
	}

	private void failOnProblems(String message) {
		List<Status> problems = this.context.getStatusManager()
			.getCopyOfStatusList()
			.stream()
			.filter((status) -> status.getLevel() >= Status.WARN)
			.toList();
		if (!problems.isEmpty()) {
			throw new IllegalStateException(message + problems);
		}
	}

	void stop() {
		this.context.stop();
	}

}
