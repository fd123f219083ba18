package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;

/**
 * Every image names what will run: a digest ({@code repository@sha256:...}, what the
 * deploy sets) or at least a tag other than {@code latest}. An untagged image means
 * {@code latest}, which changes under a running Deployment.
 */
final class ImagePinnedPolicy implements Policy {

	private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");

	@Override
	public String rule() {
		return "image-pinned";
	}

	@Override
	public List<Finding> check(Manifests manifests) {
		List<Finding> findings = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			for (Container container : workload.allContainers()) {
				String problem = problem(container.getImage());
				if (problem != null) {
					findings.add(finding(workload.object(), "container '" + container.getName() + "' image " + problem
							+ ": set a digest (repository@sha256:...) or a version tag"));
				}
			}
		}
		return findings;
	}

	/** What is wrong with an image reference, {@code null} when it is pinned. */
	static String problem(String image) {
		if (image == null || image.isBlank()) {
			return "is not set";
		}
		if (image.contains("@")) {
			return DIGEST.matcher(image).find() ? null : "'" + image + "' has a malformed digest";
		}
		String lastSegment = image.substring(image.lastIndexOf('/') + 1);
		int colon = lastSegment.indexOf(':');
		if (colon < 0) {
			return "'" + image + "' is untagged (means latest)";
		}
		if ("latest".equals(lastSegment.substring(colon + 1))) {
			return "'" + image + "' uses the latest tag";
		}
		return null;
	}

}
