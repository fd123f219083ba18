package com.example.tourbooking.mockapiserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * Runs the MOCK API server on 127.0.0.1 until the process is stopped: the CRUD mock on a
 * private loopback port behind {@link ApiServerFront} (TLS, bearer tokens, RBAC-like
 * refusals), writing the front's port to a file so that the test's stand-in {@code aws}
 * can describe the cluster.
 */
final class MockApiServer {

	private static final String USAGE = """
			usage: MockApiServer --port-file FILE --tls-cert PEM --tls-key PEM --token-auth-file CSV \
			         [--namespace-binding USER=NAMESPACE]...
			  Listens with TLS on 127.0.0.1 (a free port, written to FILE). CSV is kube-apiserver's
			  --token-auth-file format (token,user,uid,"groups"); users in system:masters may do
			  everything, a bound user only what the edit role allows in its namespace.""";

	private MockApiServer() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		Map<String, String> bindings = new HashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			if (i + 1 >= args.length || !args[i].startsWith("--")) {
				usage("missing value for " + args[i]);
			}
			if (args[i].equals("--namespace-binding")) {
				String[] binding = args[i + 1].split("=", 2);
				if (binding.length != 2) {
					usage("--namespace-binding is USER=NAMESPACE");
				}
				bindings.put(binding[0], binding[1]);
			}
			else {
				options.put(args[i], args[i + 1]);
			}
		}
		for (String required : List.of("--port-file", "--tls-cert", "--tls-key", "--token-auth-file")) {
			if (!options.containsKey(required)) {
				usage(required + " is required");
			}
		}
		KubernetesMockServer mock = start();
		ApiServerFront front = ApiServerFront.start(0, Path.of(options.get("--tls-cert")),
				Path.of(options.get("--tls-key")),
				ApiUser.fromTokenFile(Path.of(options.get("--token-auth-file")), bindings),
				URI.create("http://127.0.0.1:" + mock.getPort() + "/"));
		Files.writeString(Path.of(options.get("--port-file")), Integer.toString(front.port()),
				StandardCharsets.US_ASCII);
		System.out.printf("MOCK Kubernetes API server (fabric8 CRUD mock) on https://127.0.0.1:%d%n", front.port());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			front.stop();
			mock.shutdown();
			stopped.countDown();
		}));
		stopped.await();
	}

	private static void usage(String problem) {
		System.err.println("MockApiServer: " + problem + "\n" + USAGE);
		System.exit(2);
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
