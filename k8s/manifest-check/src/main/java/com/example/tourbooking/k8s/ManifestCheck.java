package com.example.tourbooking.k8s;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: checks rendered manifest files and prints one line per finding. Exit code
 * 0 when every file passes, 1 when there are findings, 2 on a usage or tool error.
 */
public final class ManifestCheck {

	private static final String USAGE = """
			Usage: ManifestCheck [--node-dir DIR] [--node NODE] FILE...
			  Checks rendered Kubernetes manifests (kubectl kustomize output) against the Kubernetes
			  schema and the project's policies (k8s/README.md lists them).
			  --node-dir DIR  directory of the OpenAPI validator (package.json, node_modules); default .
			  --node NODE     Node.js executable; default node
			""";

	private ManifestCheck() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		Path nodeDir = Path.of(".");
		String node = "node";
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "-h", "--help" -> {
					out.print(USAGE);
					return 0;
				}
				case "--node-dir", "--node" -> {
					if (i + 1 >= args.length) {
						err.print("error: " + args[i] + " needs a value\n" + USAGE);
						return 2;
					}
					if (args[i].equals("--node")) {
						node = args[++i];
					}
					else {
						nodeDir = Path.of(args[++i]);
					}
				}
				default -> files.add(Path.of(args[i]));
			}
		}
		if (files.isEmpty()) {
			err.print("error: no manifest file given\n" + USAGE);
			return 2;
		}
		try {
			ManifestChecker checker = new ManifestChecker(new OpenApiSchemaCheck(nodeDir.toAbsolutePath(), node));
			int total = 0;
			for (Path file : files) {
				List<Finding> findings = checker.check(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
				findings.forEach(out::println);
				out.println(file + ": " + (findings.isEmpty() ? "OK" : findings.size() + " finding(s)"));
				total += findings.size();
			}
			return (total == 0) ? 0 : 1;
		}
		catch (IOException | IllegalStateException ex) {
			err.println("error: " + ex.getMessage());
			return 2;
		}
	}

}
