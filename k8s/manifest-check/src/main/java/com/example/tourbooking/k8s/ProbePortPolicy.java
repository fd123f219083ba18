package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;

/**
 * Every probe's port names a port its container declares (a typo makes a probe fail
 * forever).
 */
final class ProbePortPolicy implements Policy {

	@Override
	public String rule() {
		return "probe-port";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				Map<String, Probe> probes = new LinkedHashMap<>();
				probes.put("startupProbe", container.getStartupProbe());
				probes.put("readinessProbe", container.getReadinessProbe());
				probes.put("livenessProbe", container.getLivenessProbe());
				probes.forEach((kind, probe) -> {
					IntOrString port = port(probe);
					if (port != null && !ContainerPorts.declares(container, port)) {
						findings.add(finding(workload.object(), "container '" + container.getName() + "' " + kind
								+ " uses " + ContainerPorts.describe(port) + ", which the container does not declare"));
					}
				});
			}
		}
		return findings;
	}

	private static IntOrString port(Probe probe) {
		if (probe == null) {
			return null;
		}
		if (probe.getHttpGet() != null) {
			return probe.getHttpGet().getPort();
		}
		if (probe.getTcpSocket() != null) {
			return probe.getTcpSocket().getPort();
		}
		if (probe.getGrpc() != null) {
			return new IntOrString(probe.getGrpc().getPort());
		}
		return null;
	}

}
