package com.example.tourbooking.k8s;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;

/** Resolves a port reference (a name or a number) against declared container ports. */
final class ContainerPorts {

	private ContainerPorts() {
	}

	static boolean declares(List<Container> containers, IntOrString port) {
		return containers.stream().anyMatch((container) -> declares(container, port));
	}

	static boolean declares(Container container, IntOrString port) {
		if (port == null || container.getPorts() == null) {
			return false;
		}
		for (ContainerPort declared : container.getPorts()) {
			if (port.getStrVal() != null && port.getStrVal().equals(declared.getName())) {
				return true;
			}
			if (port.getIntVal() != null && Objects.equals(port.getIntVal(), declared.getContainerPort())) {
				return true;
			}
		}
		return false;
	}

	static String describe(IntOrString port) {
		if (port == null) {
			return "no port";
		}
		return (port.getStrVal() != null) ? "port name '" + port.getStrVal() + "'" : "port " + port.getIntVal();
	}

}
