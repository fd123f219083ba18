package com.example.tourbooking.system.logging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for Logstash's {@code tcp} input with the {@code json_lines} codec: accepts
 * connections on loopback and keeps every line received. It can be stopped and started
 * again on the same port, or black-hole its peers (accept, never read).
 */
final class JsonLinesReceiver implements AutoCloseable {

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Socket> connections = new ConcurrentLinkedQueue<>();

	private int port;

	private ServerSocket server;

	void start(boolean blackHole) {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.port = socket.getLocalPort();
			this.server = socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(() -> accept(this.server, blackHole), "receiver-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.port;
	}

	List<String> lines() {
		return this.lines;
	}

	/** Closes the port and every connection, as a crashed Logstash would. */
	void stop() {
		try {
			this.server.close();
			for (Socket connection : this.connections) {
				connection.close();
			}
			this.connections.clear();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	private void accept(ServerSocket server, boolean blackHole) {
		while (!server.isClosed()) {
			try {
				Socket connection = server.accept();
				this.connections.add(connection);
				if (!blackHole) {
					Thread reader = new Thread(() -> read(connection), "receiver-read");
					reader.setDaemon(true);
					reader.start();
				}
			}
			catch (IOException ex) {
				// Closed by stop().
			}
		}
	}

	private void read(Socket connection) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// Closed by stop().
		}
	}

}
