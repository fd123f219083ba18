package com.example.tourbooking.system.logging;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Reports dropped log events on stdout at a fixed interval, so a logging outage is seen
 * even where nobody scrapes the metrics. Its own events never go to Logstash (where they
 * could be dropped in turn); it is silent while nothing is dropped.
 */
class ShippingReport implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ShippingReport.class);

	private final Supplier<Optional<LogstashShippingAppender>> shipping;

	private final Duration interval;

	private ScheduledExecutorService scheduler;

	private long reportedDropped;

	ShippingReport(Supplier<Optional<LogstashShippingAppender>> shipping, Duration interval) {
		this.shipping = shipping;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		this.reportedDropped = this.shipping.get().map(LogstashShippingAppender::droppedEvents).orElse(0L);
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "logstash-shipping-report");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.scheduler.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
			report();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	synchronized void report() {
		this.shipping.get().ifPresent((appender) -> {
			long dropped = appender.droppedEvents();
			long newlyDropped = dropped - this.reportedDropped;
			this.reportedDropped = dropped;
			if (newlyDropped > 0) {
				log.warn(
						"Logstash shipping dropped {} log events since the last report ({} in total): "
								+ "the buffer of {} events was full; connected to {}",
						newlyDropped, dropped, appender.ringBufferSize(),
						appender.connectedDestination().map(Object::toString).orElse("no destination"));
			}
		});
	}

}
