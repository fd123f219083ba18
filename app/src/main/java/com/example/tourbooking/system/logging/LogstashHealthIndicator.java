package com.example.tourbooking.system.logging;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Shows whether logs reach Logstash ({@code /actuator/health/logstash}). It belongs to no
 * probe group: readiness and liveness stay UP during a logging outage, so the service
 * keeps serving and stays behind the load balancer.
 */
class LogstashHealthIndicator implements HealthIndicator {

	private final Supplier<Optional<LogstashShippingAppender>> shipping;

	LogstashHealthIndicator(Supplier<Optional<LogstashShippingAppender>> shipping) {
		this.shipping = shipping;
	}

	@Override
	public Health health() {
		Optional<LogstashShippingAppender> appender = this.shipping.get().filter(LogstashShippingAppender::enabled);
		if (appender.isEmpty()) {
			return Health.unknown().withDetail("shipping", "off").build();
		}
		LogstashShippingAppender shipping = appender.get();
		Health.Builder health = shipping.connectedDestination()
			.map((destination) -> Health.up().withDetail("connectedTo", destination.toString()))
			.orElseGet(() -> Health.down().withDetail("destinations", shipping.destinations()));
		shipping.lastConnectionFailure().ifPresent((failure) -> health.withDetail("lastFailure", failure));
		return health.withDetail("droppedEvents", shipping.droppedEvents()).build();
	}

}
