package com.example.tourbooking.system.logging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code tours.logging.*} settings. {@code logback-spring.xml} reads the format and
 * the Logstash settings when logging starts; the beans of this package read the rest.
 *
 * @param format {@code text} for readable lines, {@code json} for one JSON event per line
 * (LOG_FORMAT)
 * @param serviceVersion the application version written as {@code service.version}
 * @param logstash shipping to Logstash
 * @param access the access events
 */
@ConfigurationProperties("tours.logging")
record LoggingProperties(@DefaultValue("text") String format, @DefaultValue("unknown") String serviceVersion,
		@DefaultValue Logstash logstash, @DefaultValue Access access) {

	/**
	 * Shipping to Logstash.
	 *
	 * @param destinations {@code host:port[,host:port]} of Logstash tcp inputs; empty
	 * ships nothing (LOGSTASH_DESTINATIONS)
	 * @param tlsEnabled whether to ship over TLS, trusting the JVM's CA certificates
	 * (LOGSTASH_TLS_ENABLED)
	 * @param ringBufferSize events buffered while Logstash is slow or away, a power of
	 * two; beyond it events are dropped and counted (LOGSTASH_RING_BUFFER_SIZE)
	 * @param reportInterval how often dropped events are reported on stdout
	 */
	record Logstash(@DefaultValue("") String destinations, @DefaultValue("false") boolean tlsEnabled,
			@DefaultValue("8192") int ringBufferSize, @DefaultValue("1m") Duration reportInterval) {
	}

	/**
	 * The access events (one per HTTP request).
	 *
	 * @param excludedPaths path patterns never logged (probes and metrics when they share
	 * the API port)
	 */
	record Access(@DefaultValue("/actuator/**") List<String> excludedPaths) {
	}

}
