package com.example.tourbooking.system.logging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.net.ssl.SSLConfiguration;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.util.Duration;
import net.logstash.logback.appender.LogstashTcpSocketAppender;
import net.logstash.logback.appender.listener.TcpAppenderListener;

/**
 * Ships events to Logstash {@code tcp} inputs ({@code json_lines}) without ever making a
 * request wait: a {@link LogstashTcpSocketAppender} buffers events in a ring buffer and
 * writes them from its own thread, reconnecting by itself; when the buffer is full an
 * event is dropped at once and counted. Shipping is off (a no-op) when no destination is
 * configured.
 * <p>
 * Declared in {@code logback-spring.xml}: the JSON appender named by its
 * {@code <appender-ref>} lends its encoder, so Logstash receives exactly what stdout
 * shows. Spring beans read its state through {@link #current()}.
 */
public class LogstashShippingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
		implements AppenderAttachable<ILoggingEvent> {

	/** The name the appender has in {@code logback-spring.xml}. */
	static final String NAME = "logstash";

	/** Events of this logger report on shipping and are never shipped themselves. */
	static final String REPORT_LOGGER = ShippingReport.class.getName();

	private static final AtomicReference<LogstashShippingAppender> CURRENT = new AtomicReference<>();

	private final ShippingState state = new ShippingState();

	private String destinations = "";

	private boolean tlsEnabled;

	private int ringBufferSize = 8192;

	private Duration reconnectionDelay = Duration.buildBySeconds(2);

	private Duration writeTimeout = Duration.buildBySeconds(10);

	private Duration shutdownGracePeriod = Duration.buildBySeconds(5);

	private Appender<ILoggingEvent> encoderSource;

	private LogstashTcpSocketAppender tcp;

	/**
	 * The shipping appender of the running logback configuration, if any.
	 * @return the appender started last
	 */
	static Optional<LogstashShippingAppender> current() {
		return Optional.ofNullable(CURRENT.get());
	}

	public void setDestinations(String destinations) {
		this.destinations = (destinations != null) ? destinations.strip() : "";
	}

	public void setTlsEnabled(boolean tlsEnabled) {
		this.tlsEnabled = tlsEnabled;
	}

	public void setRingBufferSize(int ringBufferSize) {
		this.ringBufferSize = ringBufferSize;
	}

	public void setReconnectionDelay(Duration reconnectionDelay) {
		this.reconnectionDelay = reconnectionDelay;
	}

	public void setWriteTimeout(Duration writeTimeout) {
		this.writeTimeout = writeTimeout;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	@Override
	public void start() {
		if (this.destinations.isEmpty()) {
			addInfo("No Logstash destination configured: shipping is off");
		}
		else if (!(this.encoderSource instanceof OutputStreamAppender<ILoggingEvent> source)
				|| source.getEncoder() == null) {
			addError("Appender [" + getName() + "] needs an <appender-ref> to the JSON appender whose encoder it uses");
			return;
		}
		else {
			this.tcp = tcpAppender(source.getEncoder());
			this.tcp.start();
			if (!this.tcp.isStarted()) {
				addError("Logstash appender did not start; check LOGSTASH_DESTINATIONS (" + this.destinations + ")");
				return;
			}
		}
		super.start();
		CURRENT.set(this);
	}

	@Override
	public void stop() {
		if (this.tcp != null) {
			// Flushes what the grace period allows. A destination that stopped reading
			// would
			// hold the sender thread in a write for a minute more: its socket is closed
			// once the grace period is over, so shutdown never hangs.
			Thread guard = new Thread(this::closeConnectionAfterGracePeriod, "logstash-shutdown-guard");
			guard.setDaemon(true);
			guard.start();
			this.tcp.stop();
			guard.interrupt();
		}
		CURRENT.compareAndSet(this, null);
		super.stop();
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (this.tcp != null && !REPORT_LOGGER.equals(event.getLoggerName())) {
			this.tcp.doAppend(event);
		}
	}

	private void closeConnectionAfterGracePeriod() {
		try {
			Thread.sleep(this.shutdownGracePeriod.getMilliseconds());
			this.state.closeConnection();
		}
		catch (InterruptedException ex) {
			// Stopped in time.
		}
	}

	boolean enabled() {
		return this.tcp != null;
	}

	List<String> destinations() {
		return (this.tcp != null) ? this.tcp.getDestinations().stream().map(InetSocketAddress::toString).toList()
				: List.of();
	}

	int ringBufferSize() {
		return this.ringBufferSize;
	}

	Optional<InetSocketAddress> connectedDestination() {
		return (this.tcp != null) ? this.tcp.getConnectedDestination() : Optional.empty();
	}

	long droppedEvents() {
		return this.state.dropped.get();
	}

	long sentEvents() {
		return this.state.sent.get();
	}

	Optional<String> lastConnectionFailure() {
		return Optional.ofNullable(this.state.lastFailure.get());
	}

	private LogstashTcpSocketAppender tcpAppender(Encoder<ILoggingEvent> encoder) {
		LogstashTcpSocketAppender appender = new LogstashTcpSocketAppender();
		appender.setContext(getContext());
		appender.setName(getName() + "-tcp");
		appender.addDestination(this.destinations);
		appender.setEncoder(new LentEncoder(encoder));
		appender.setRingBufferSize(this.ringBufferSize);
		// A full buffer drops the event at once instead of making the caller wait.
		appender.setAppendTimeout(Duration.buildByMilliseconds(0));
		appender.setReconnectionDelay(this.reconnectionDelay);
		appender.setConnectionTimeout(Duration.buildBySeconds(2));
		// A destination that accepts but never reads is abandoned for the next one.
		appender.setWriteTimeout(this.writeTimeout);
		appender.setShutdownGracePeriod(this.shutdownGracePeriod);
		// Status lines would interleave with the JSON on stdout; ShippingReport reports
		// instead.
		appender.setAddDefaultStatusListener(false);
		if (this.tlsEnabled) {
			appender.setSsl(new SSLConfiguration());
		}
		appender.addListener(this.state);
		return appender;
	}

	@Override
	public void addAppender(Appender<ILoggingEvent> appender) {
		this.encoderSource = appender;
	}

	@Override
	public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
		return (this.encoderSource != null) ? List.of(this.encoderSource).iterator()
				: List.<Appender<ILoggingEvent>>of().iterator();
	}

	@Override
	public Appender<ILoggingEvent> getAppender(String name) {
		return (this.encoderSource != null && this.encoderSource.getName().equals(name)) ? this.encoderSource : null;
	}

	@Override
	public boolean isAttached(Appender<ILoggingEvent> appender) {
		return this.encoderSource == appender;
	}

	@Override
	public void detachAndStopAllAppenders() {
		// The lending appender belongs to the root logger, which stops it.
		this.encoderSource = null;
	}

	@Override
	public boolean detachAppender(Appender<ILoggingEvent> appender) {
		boolean attached = isAttached(appender);
		if (attached) {
			this.encoderSource = null;
		}
		return attached;
	}

	@Override
	public boolean detachAppender(String name) {
		return (this.encoderSource != null) && detachAppender(getAppender(name));
	}

	/**
	 * Counts what happens to shipped events: the figures behind the metrics, the health
	 * indicator and the stdout report.
	 */
	private static final class ShippingState implements TcpAppenderListener<ILoggingEvent> {

		private final AtomicLong dropped = new AtomicLong();

		private final AtomicLong sent = new AtomicLong();

		private final AtomicReference<String> lastFailure = new AtomicReference<>();

		private final AtomicReference<Socket> connection = new AtomicReference<>();

		void closeConnection() {
			Socket socket = this.connection.get();
			if (socket != null) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Closing is all we wanted.
				}
			}
		}

		@Override
		public void eventAppendFailed(Appender<ILoggingEvent> appender, ILoggingEvent event, Throwable reason) {
			this.dropped.incrementAndGet();
		}

		@Override
		public void eventSent(Appender<ILoggingEvent> appender, Socket socket, ILoggingEvent event,
				long durationNanos) {
			this.sent.incrementAndGet();
		}

		@Override
		public void connectionOpened(Appender<ILoggingEvent> appender, Socket socket) {
			this.connection.set(socket);
			this.lastFailure.set(null);
		}

		@Override
		public void connectionClosed(Appender<ILoggingEvent> appender, Socket socket) {
			this.connection.compareAndSet(socket, null);
		}

		@Override
		public void connectionFailed(Appender<ILoggingEvent> appender, InetSocketAddress address, Throwable reason) {
			this.lastFailure.set(address + ": " + reason.getClass().getSimpleName());
		}

	}

	/**
	 * The JSON encoder borrowed from the console appender: encodes for Logstash too, but
	 * its life cycle stays with its owner.
	 */
	private static final class LentEncoder extends EncoderBase<ILoggingEvent> {

		private final Encoder<ILoggingEvent> owner;

		LentEncoder(Encoder<ILoggingEvent> owner) {
			this.owner = owner;
		}

		@Override
		public byte[] headerBytes() {
			return this.owner.headerBytes();
		}

		@Override
		public byte[] encode(ILoggingEvent event) {
			return this.owner.encode(event);
		}

		@Override
		public byte[] footerBytes() {
			return this.owner.footerBytes();
		}

		@Override
		public boolean isStarted() {
			return this.owner.isStarted();
		}

	}

}
