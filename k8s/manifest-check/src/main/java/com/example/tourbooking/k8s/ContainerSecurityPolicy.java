package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;

/**
 * Every container runs hardened (the Pod Security "restricted" profile plus a read-only
 * root filesystem): non-root, no privilege escalation, all capabilities dropped, seccomp
 * {@code RuntimeDefault}, read-only root filesystem. Pod-level settings count where
 * Kubernetes applies them to containers.
 */
final class ContainerSecurityPolicy implements Policy {

	@Override
	public String rule() {
		return "container-security";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			PodSecurityContext pod = (workload.podSpec().getSecurityContext() != null)
					? workload.podSpec().getSecurityContext() : new PodSecurityContext();
			for (Container container : workload.allContainers()) {
				SecurityContext own = (container.getSecurityContext() != null) ? container.getSecurityContext()
						: new SecurityContext();
				List<String> missing = missing(pod, own);
				if (!missing.isEmpty()) {
					findings.add(finding(workload.object(),
							"container '" + container.getName() + "' is not hardened: " + String.join(", ", missing)));
				}
			}
		}
		return findings;
	}

	private static List<String> missing(PodSecurityContext pod, SecurityContext own) {
		List<String> missing = new ArrayList<>();
		Boolean runAsNonRoot = (own.getRunAsNonRoot() != null) ? own.getRunAsNonRoot() : pod.getRunAsNonRoot();
		Long runAsUser = (own.getRunAsUser() != null) ? own.getRunAsUser() : pod.getRunAsUser();
		if (!Boolean.TRUE.equals(runAsNonRoot) || Long.valueOf(0).equals(runAsUser)) {
			missing.add("runAsNonRoot: true (and a non-zero runAsUser)");
		}
		if (Boolean.TRUE.equals(own.getPrivileged())) {
			missing.add("privileged: false");
		}
		if (!Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
			missing.add("allowPrivilegeEscalation: false");
		}
		Capabilities capabilities = own.getCapabilities();
		if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
			missing.add("capabilities.drop: [ALL]");
		}
		if (capabilities != null && capabilities.getAdd() != null && !capabilities.getAdd().isEmpty()) {
			missing.add("no capabilities.add");
		}
		if (!Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
			missing.add("readOnlyRootFilesystem: true");
		}
		SeccompProfile seccomp = (own.getSeccompProfile() != null) ? own.getSeccompProfile() : pod.getSeccompProfile();
		if (seccomp == null || !List.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
			missing.add("seccompProfile.type: RuntimeDefault");
		}
		return missing;
	}

}
