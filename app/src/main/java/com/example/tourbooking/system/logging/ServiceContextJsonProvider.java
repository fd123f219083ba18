package com.example.tourbooking.system.logging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.composite.AbstractJsonProvider;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the fields that say where an event comes from (service, version, environment,
 * build, image, host, pod) on every JSON event. Values come from the environment
 * variables the image and the Kubernetes manifests set; optional ones are left out rather
 * than written empty.
 */
public class ServiceContextJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

	private final UnaryOperator<String> environment;

	private String serviceName = "tour-booking";

	private String serviceVersion = "unknown";

	private Map<String, String> fields = Map.of();

	public ServiceContextJsonProvider() {
		this(System::getenv);
	}

	ServiceContextJsonProvider(UnaryOperator<String> environment) {
		this.environment = environment;
	}

	public void setServiceName(String serviceName) {
		this.serviceName = serviceName;
	}

	public void setServiceVersion(String serviceVersion) {
		this.serviceVersion = serviceVersion;
	}

	@Override
	public void start() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("event.dataset", "tourbooking.app");
		values.put("service.name", this.serviceName);
		values.put("service.version", orDefault("APP_VERSION", this.serviceVersion));
		values.put("service.environment", orDefault("APP_ENVIRONMENT", "local"));
		values.put("git.commit", orDefault("GIT_COMMIT", "unknown"));
		values.put("build.number", orDefault("BUILD_NUMBER", "unknown"));
		values.put("container.image.digest", orDefault("IMAGE_DIGEST", "unknown"));
		values.put("host.name", orDefault("POD_NAME", orDefault("HOSTNAME", localHostName())));
		putIfSet(values, "kubernetes.pod.name", "POD_NAME");
		putIfSet(values, "kubernetes.namespace", "POD_NAMESPACE");
		putIfSet(values, "kubernetes.node.name", "NODE_NAME");
		this.fields = Collections.unmodifiableMap(values);
		super.start();
	}

	@Override
	public void writeTo(JsonGenerator generator, ILoggingEvent event) {
		this.fields.forEach(generator::writeStringProperty);
	}

	private String orDefault(String variable, String fallback) {
		String value = this.environment.apply(variable);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	private void putIfSet(Map<String, String> values, String field, String variable) {
		String value = this.environment.apply(variable);
		if (value != null && !value.isBlank()) {
			values.put(field, value);
		}
	}

	private static String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
