package com.example.tourbooking.system.logging;

import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes the shipping figures on {@code /actuator/prometheus}:
 * {@code logstash_events_dropped_total} (events lost because the buffer was full, the one
 * to alert on), {@code logstash_events_sent_total} and {@code logstash_connected}.
 */
class LogstashShippingMetrics implements MeterBinder {

	private final Supplier<Optional<LogstashShippingAppender>> shipping;

	LogstashShippingMetrics(Supplier<Optional<LogstashShippingAppender>> shipping) {
		this.shipping = shipping;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("logstash.events.dropped", this, (metrics) -> metrics.value(Figure.DROPPED))
			.description("Log events dropped because the Logstash ring buffer was full")
			.register(registry);
		FunctionCounter.builder("logstash.events.sent", this, (metrics) -> metrics.value(Figure.SENT))
			.description("Log events written to a Logstash connection")
			.register(registry);
		Gauge.builder("logstash.connected", this, (metrics) -> metrics.value(Figure.CONNECTED))
			.description("1 when connected to a Logstash destination, 0 otherwise")
			.register(registry);
	}

	private double value(Figure figure) {
		return this.shipping.get().map((appender) -> switch (figure) {
			case DROPPED -> (double) appender.droppedEvents();
			case SENT -> (double) appender.sentEvents();
			case CONNECTED -> appender.connectedDestination().isPresent() ? 1.0 : 0.0;
		}).orElse(0.0);
	}

	private enum Figure {

		DROPPED, SENT, CONNECTED

	}

}
