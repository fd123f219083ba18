package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;

/** Every Ingress backend is a Service of the overlay, on a port that Service exposes. */
final class IngressBackendPolicy implements Policy {

	@Override
	public String rule() {
		return "ingress-backend-exists";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (ManifestObject object : manifests.ofType(Ingress.class)) {
			Ingress ingress = object.as(Ingress.class);
			List<IngressBackend> backends = new ArrayList<>();
			if (ingress.getSpec().getDefaultBackend() != null) {
				backends.add(ingress.getSpec().getDefaultBackend());
			}
			if (ingress.getSpec().getRules() != null) {
				for (IngressRule rule : ingress.getSpec().getRules()) {
					if (rule.getHttp() != null && rule.getHttp().getPaths() != null) {
						rule.getHttp().getPaths().stream().map(HTTPIngressPath::getBackend).forEach(backends::add);
					}
				}
			}
			for (IngressBackend backend : backends) {
				String problem = problem(manifests, object.namespace(), backend);
				if (problem != null) {
					findings.add(finding(object, problem));
				}
			}
		}
		return findings;
	}

	private static String problem(Manifests manifests, String namespace, IngressBackend backend) {
		IngressServiceBackend service = (backend != null) ? backend.getService() : null;
		if (service == null) {
			return "has a backend that is not a Service";
		}
		Optional<ManifestObject> target = manifests.find(Service.class, namespace, service.getName());
		if (target.isEmpty()) {
			return "backend Service '" + service.getName() + "' is not defined in namespace '" + namespace + "'";
		}
		ServiceBackendPort port = service.getPort();
		List<ServicePort> ports = Optional.ofNullable(target.get().as(Service.class).getSpec().getPorts())
			.orElse(List.of());
		boolean exposed = port != null && ports.stream()
			.anyMatch((candidate) -> (port.getName() != null) ? port.getName().equals(candidate.getName())
					: port.getNumber() != null && port.getNumber().equals(candidate.getPort()));
		if (!exposed) {
			String wanted = (port == null) ? "no port"
					: (port.getName() != null) ? "port '" + port.getName() + "'" : "port " + port.getNumber();
			return "backend Service '" + service.getName() + "' has no " + wanted;
		}
		return null;
	}

}
