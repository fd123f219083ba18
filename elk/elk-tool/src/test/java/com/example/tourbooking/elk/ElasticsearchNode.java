package com.example.tourbooking.elk;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Elasticsearch 8.19 node in a JVM of its own (elk/es-node's classpath, -Xmx256m),
 * started once per test class and killed on close or when the test JVM exits.
 */
final class ElasticsearchNode implements AutoCloseable {

	private final Process process;

	private final int port;

	private ElasticsearchNode(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static ElasticsearchNode start() throws IOException, InterruptedException {
		Path classes = Path.of(System.getProperty("es-node.classes"));
		Path classpathFile = Path.of(System.getProperty("es-node.classpath-file"));
		if (!Files.isRegularFile(classpathFile)) {
			throw new IllegalStateException(classpathFile + " is missing: build with -pl elk/es-node,elk/elk-tool");
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path home = Path.of(System.getProperty("es-node.home"));
		deleteRecursively(home);
		String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(List.of(javaBinary, "-Xms256m", "-Xmx256m", "-cp",
				classes + File.pathSeparator + Files.readString(classpathFile).strip(),
				"com.example.tourbooking.elk.node.ElasticsearchNodeMain", home.toString(), Integer.toString(port)))
			.redirectErrorStream(true)
			.start();
		ElasticsearchNode node = new ElasticsearchNode(process, port);
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		String line;
		while ((line = output.readLine()) != null) {
			if (line.startsWith("elasticsearch-node started on")) {
				Thread drain = new Thread(() -> output.lines().forEach((ignored) -> {
				}), "es-node-output");
				drain.setDaemon(true);
				drain.start();
				return node;
			}
			if (System.nanoTime() > deadline) {
				break;
			}
		}
		node.close();
		throw new IllegalStateException("the Elasticsearch node did not start (last output: " + line + ")");
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (IOException ex) {
			this.process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
