package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * A JDBC URL that verifies the database's certificate needs the CA bundle as a file in
 * the pod. pgjdbc's {@code LibPQFactory} reads {@code sslrootcert} (default
 * {@code ~/.postgresql/root.crt}) for {@code sslmode=verify-ca} and {@code verify-full},
 * and fails every connection with "Could not open SSL root certificate file" when it is
 * absent: the pods would never become Ready. So a {@code DB_URL} that a workload takes
 * from a ConfigMap must name {@code sslrootcert}, and the file must lie under one of the
 * container's volume mounts. Weaker modes ({@code require}, {@code prefer}) accept any
 * certificate and are refused as well.
 */
final class DatabaseCaMountedPolicy implements Policy {

	private static final Pattern SSL_MODE = Pattern.compile("[?&]sslmode=([a-z-]+)");

	private static final Pattern ROOT_CERT = Pattern.compile("[?&]sslrootcert=([^&]+)");

	@Override
	public String rule() {
		return "database-ca-mounted";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				databaseUrl(manifests, workload, container).map((url) -> problem(url, container))
					.ifPresent((problem) -> findings
						.add(finding(workload.object(), "container '" + container.getName() + "' " + problem)));
			}
		}
		return findings;
	}

	private static Optional<String> databaseUrl(Manifests manifests, Workload workload, Container container) {
		if (container.getEnvFrom() == null) {
			return Optional.empty();
		}
		for (EnvFromSource source : container.getEnvFrom()) {
			if (source.getConfigMapRef() == null) {
				continue;
			}
			Optional<ManifestObject> configMap = manifests.find(ConfigMap.class, workload.namespace(),
					source.getConfigMapRef().getName());
			Map<String, String> data = configMap.map((object) -> object.as(ConfigMap.class).getData()).orElse(null);
			if (data != null && data.get("DB_URL") != null && data.get("DB_URL").startsWith("jdbc:postgresql:")) {
				return Optional.of(data.get("DB_URL"));
			}
		}
		return Optional.empty();
	}

	private static String problem(String url, Container container) {
		Matcher mode = SSL_MODE.matcher(url);
		if (!mode.find() || !mode.group(1).startsWith("verify-")) {
			return "connects to PostgreSQL without verifying its certificate (DB_URL needs sslmode=verify-full)";
		}
		Matcher rootCert = ROOT_CERT.matcher(url);
		if (!rootCert.find()) {
			return "verifies the database certificate but DB_URL names no sslrootcert "
					+ "(pgjdbc then reads ~/.postgresql/root.crt, which the image does not have)";
		}
		String file = rootCert.group(1);
		List<VolumeMount> mounts = (container.getVolumeMounts() != null) ? container.getVolumeMounts() : List.of();
		boolean mounted = mounts.stream()
			.anyMatch((mount) -> file
				.startsWith(mount.getMountPath().endsWith("/") ? mount.getMountPath() : mount.getMountPath() + "/"));
		return mounted ? null : "reads the database CA bundle from " + file + ", which no volume mount provides";
	}

}
