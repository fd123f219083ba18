package com.example.tourbooking.elk.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * Runs one Elasticsearch node on 127.0.0.1 until its standard input closes or the process
 * is told to stop. The tests start it in a JVM of its own, because Elasticsearch needs
 * its own Netty, Jackson and log4j versions. Prints
 * {@code elasticsearch-node started on PORT} once the HTTP port answers.
 */
public final class ElasticsearchNodeMain {

	private ElasticsearchNodeMain() {
	}

	/**
	 * Starts the node.
	 * @param args {@code HOME_DIRECTORY HTTP_PORT}
	 * @throws Exception when the node cannot start
	 */
	public static void main(String[] args) throws Exception {
		if (args.length != 2 || "--help".equals(args[0])) {
			System.err.println("usage: ElasticsearchNodeMain HOME_DIRECTORY HTTP_PORT");
			System.exit(2);
		}
		Path home = Path.of(args[0]).toAbsolutePath();
		String httpPort = args[1];
		Files.createDirectories(home.resolve("config"));
		Files.createDirectories(home.resolve("data"));
		Settings settings = Settings.builder()
			.put("path.home", home.toString())
			.put("path.data", home.resolve("data").toString())
			.put("cluster.name", "elk-tests")
			.put("node.name", "elk-tests-node")
			.put("discovery.type", "single-node")
			.put("network.host", "127.0.0.1")
			.put("http.port", httpPort)
			.put("transport.port", "0")
			.put("cluster.routing.allocation.disk.threshold_enabled", false)
			.put("action.auto_create_index", true)
			.build();
		LogConfigurator.configureESLogging();
		LogConfigurator.configureWithoutConfig(settings);
		Environment environment = new Environment(settings, home.resolve("config"));
		Node node = new ClasspathNode(environment, List.of(Netty4Plugin.class));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(node, stopped), "node-shutdown"));
		node.start();
		System.out.println("elasticsearch-node started on " + httpPort);
		System.out.flush();
		// The parent test closes our standard input (or dies): then stop.
		while (System.in.read() != -1) {
			// keep reading until end of stream
		}
		closeQuietly(node, stopped);
		System.exit(0);
	}

	private static void closeQuietly(Node node, CountDownLatch stopped) {
		if (stopped.getCount() == 0) {
			return;
		}
		stopped.countDown();
		try {
			node.close();
			node.awaitClose(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			System.err.println("elasticsearch-node: close failed: " + ex);
		}
	}

}
