package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

/**
 * Every Service port's {@code targetPort} names a container port of every pod it selects.
 */
final class ServiceTargetPortPolicy implements Policy {

	@Override
	public String rule() {
		return "service-target-port";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (ManifestObject object : manifests.ofType(Service.class)) {
			Service service = object.as(Service.class);
			if (service.getSpec().getSelector() == null || service.getSpec().getPorts() == null) {
				continue;
			}
			for (Workload workload : manifests.selectedBy(object.namespace(), service.getSpec().getSelector())) {
				for (ServicePort port : service.getSpec().getPorts()) {
					IntOrString target = (port.getTargetPort() != null) ? port.getTargetPort()
							: new IntOrString(port.getPort());
					if (!ContainerPorts.declares(workload.containers(), target)) {
						findings.add(finding(object,
								"port " + describe(port) + " targets " + ContainerPorts.describe(target)
										+ ", which is not a container port of " + workload.kind() + " "
										+ workload.name()));
					}
				}
			}
		}
		return findings;
	}

	private static String describe(ServicePort port) {
		return (port.getName() != null) ? "'" + port.getName() + "'" : String.valueOf(port.getPort());
	}

}
