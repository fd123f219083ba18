package com.example.tourbooking.mockapiserver;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * Runs the MOCK API server on 127.0.0.1 until the process is stopped, writing its port to
 * a file so that test scripts can build a kubeconfig for it.
 */
final class MockApiServer {

	private MockApiServer() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		if (args.length != 1 || args[0].startsWith("-")) {
			System.err
				.println("usage: MockApiServer PORT_FILE  (listens on 127.0.0.1, a free port written to PORT_FILE)");
			System.exit(2);
		}
		KubernetesMockServer server = start();
		Path portFile = Path.of(args[0]);
		Files.writeString(portFile, Integer.toString(server.getPort()), StandardCharsets.US_ASCII);
		System.out.printf("MOCK Kubernetes API server (fabric8 CRUD mock) on http://127.0.0.1:%d%n", server.getPort());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdown();
			stopped.countDown();
		}));
		stopped.await();
	}

	static KubernetesMockServer start() throws IOException {
		KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(List.of());
		ApplyAwareDispatcher dispatcher = new ApplyAwareDispatcher(ApiDiscovery.builtIn(), crud);
		KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
				dispatcher, false);
		server.start(InetAddress.getLoopbackAddress(), 0);
		return server;
	}

}
