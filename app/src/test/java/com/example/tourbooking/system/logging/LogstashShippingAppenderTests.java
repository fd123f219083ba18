package com.example.tourbooking.system.logging;

import java.io.OutputStream;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipping appender on its own, against a receiver on loopback: what it costs the
 * logging thread when Logstash is dead or stalled, and that stopping it is bounded.
 */
class LogstashShippingAppenderTests {

	private static final String PAYLOAD = "x".repeat(2000);

	private final LoggerContext context = new LoggerContext();

	private final JsonLinesReceiver receiver = new JsonLinesReceiver();

	private LogstashShippingAppender appender;

	@AfterEach
	void stop() {
		if (this.appender != null) {
			this.appender.stop();
		}
		this.context.stop();
	}

	@Test
	void withoutDestinationNothingIsShippedAndNothingCounted() {
		this.appender = appender("", 64);
		append(100);
		assertThat(this.appender.isStarted()).isTrue();
		assertThat(this.appender.enabled()).isFalse();
		assertThat(this.appender.droppedEvents()).isZero();
	}

	@Test
	void eventsArriveOneJsonLineEach() {
		this.receiver.start(false);
		this.appender = appender("127.0.0.1:" + this.receiver.port(), 64);
		append(10);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.lines().size() == 10);
		assertThat(this.receiver.lines()).allSatisfy((line) -> assertThat(line).startsWith("event ").endsWith(PAYLOAD));
		assertThat(this.appender.sentEvents()).isEqualTo(10);
	}

	@Test
	void aDeadDestinationCostsNoWaitAndEveryLostEventIsCounted() {
		this.receiver.start(false);
		int port = this.receiver.port();
		this.receiver.stop();
		this.appender = appender("127.0.0.1:" + port, 64);
		long start = System.nanoTime();
		append(5_000);
		Duration spent = Duration.ofNanos(System.nanoTime() - start);
		assertThat(spent).isLessThan(Duration.ofSeconds(2));
		// The ring buffer holds 64 events and the sender thread one more, waiting to
		// reconnect.
		assertThat(this.appender.droppedEvents()).isBetween(5_000L - 65, 5_000L - 64);
	}

	@Test
	void aBlackHoledDestinationBlocksNeitherLoggingNorShutdown() {
		this.receiver.start(true);
		this.appender = appender("127.0.0.1:" + this.receiver.port(), 1024);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.appender.connectedDestination().isPresent());
		long start = System.nanoTime();
		append(20_000);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.appender.droppedEvents()).isPositive();
		long stopStart = System.nanoTime();
		this.appender.stop();
		// Grace period 1 s; the sender thread is stuck in a write the peer never reads.
		assertThat(Duration.ofNanos(System.nanoTime() - stopStart)).isLessThan(Duration.ofSeconds(5));
		this.appender = null;
	}

	private LogstashShippingAppender appender(String destinations, int ringBufferSize) {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%msg%n");
		encoder.start();
		OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
		console.setContext(this.context);
		console.setName("console-json");
		console.setEncoder(encoder);
		console.setOutputStream(OutputStream.nullOutputStream());
		console.start();
		LogstashShippingAppender shipping = new LogstashShippingAppender();
		shipping.setContext(this.context);
		shipping.setName(LogstashShippingAppender.NAME);
		shipping.setDestinations(destinations);
		shipping.setRingBufferSize(ringBufferSize);
		shipping.setShutdownGracePeriod(ch.qos.logback.core.util.Duration.buildBySeconds(1));
		shipping.addAppender(console);
		shipping.start();
		return shipping;
	}

	private void append(int count) {
		ch.qos.logback.classic.Logger logger = this.context.getLogger("test");
		for (int i = 0; i < count; i++) {
			this.appender
				.doAppend(new LoggingEvent("test", logger, Level.INFO, "event " + i + " " + PAYLOAD, null, null));
		}
	}

}
