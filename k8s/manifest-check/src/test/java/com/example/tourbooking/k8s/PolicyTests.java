package com.example.tourbooking.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import static com.example.tourbooking.k8s.Fixture.broken;
import static com.example.tourbooking.k8s.Fixture.check;
import static com.example.tourbooking.k8s.Fixture.withExtraDocument;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every policy fails on a deliberately broken manifest, with one finding that names the
 * object and the rule, and nothing else fails.
 */
class PolicyTests {

	@Test
	void everyPolicyIsCovered() {
		assertThat(ManifestChecker.POLICIES).extracting(Policy::rule)
			.containsExactlyInAnyOrder("service-selects-pods", "service-target-port", "probe-port", "hpa-target-exists",
					"pdb-target-exists", "pdb-allows-eviction", "container-probes", "container-resources",
					"container-security", "image-pinned", "secret-without-data", "ingress-backend-exists",
					"selector-matches-template", "alb-readiness-gate", "database-ca-mounted");
	}

	@Test
	void aServiceWhoseSelectorMatchesNoPodFails() {
		List<Finding> findings = check(broken("  selector:\n    app.kubernetes.io/name: shop\n",
				"  selector:\n    app.kubernetes.io/name: shopp\n"));

		assertThat(findings).singleElement()
			.hasToString(
					"overlay.yaml: Service demo/shop: [service-selects-pods] selector {app.kubernetes.io/name=shopp} "
							+ "matches the pod labels of no Deployment, StatefulSet or DaemonSet");
	}

	@Test
	void aServiceWithoutSelectorFails() {
		List<Finding> findings = check(broken("  selector:\n    app.kubernetes.io/name: shop\n  ports:", "  ports:"));

		assertThat(findings).singleElement()
			.hasToString(
					"overlay.yaml: Service demo/shop: [service-selects-pods] has no selector, so it routes to no pod");
	}

	@Test
	void aServiceTargetPortThatNoContainerDeclaresFails() {
		List<Finding> findings = check(broken("targetPort: http", "targetPort: web"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Service demo/shop: [service-target-port] port 'http' targets port name 'web', "
					+ "which is not a container port of Deployment shop");
	}

	@Test
	void aServiceTargetPortNumberThatNoContainerDeclaresFails() {
		List<Finding> findings = check(broken("targetPort: http", "targetPort: 9090"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Service demo/shop: [service-target-port] port 'http' targets port 9090, "
					+ "which is not a container port of Deployment shop");
	}

	@Test
	void aProbeOnAnUndeclaredPortFails() {
		List<Finding> findings = check(
				broken("readinessProbe: {httpGet: {path: /actuator/health/readiness, port: management}}",
						"readinessProbe: {httpGet: {path: /actuator/health/readiness, port: admin}}"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [probe-port] container 'shop' readinessProbe uses "
					+ "port name 'admin', which the container does not declare");
	}

	@Test
	void anAutoscalerOfAMissingDeploymentFails() {
		List<Finding> findings = check(broken("kind: Deployment, name: shop}", "kind: Deployment, name: shop-v2}"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: HorizontalPodAutoscaler demo/shop: [hpa-target-exists] scaleTargetRef "
					+ "Deployment shop-v2 is not defined in namespace 'demo'");
	}

	@Test
	void aDisruptionBudgetSelectingNoPodFails() {
		List<Finding> findings = check(
				broken("  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: shop\n",
						"  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: cart\n"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: PodDisruptionBudget demo/shop: [pdb-target-exists] selector matches the pods "
					+ "of no Deployment, StatefulSet or DaemonSet");
	}

	@Test
	void aDisruptionBudgetRequiringEveryPodAtMinimumReplicasFails() {
		List<Finding> findings = check(broken("  maxUnavailable: 1\n", "  minAvailable: 2\n"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: PodDisruptionBudget demo/shop: [pdb-allows-eviction] minAvailable 2 allows "
					+ "0 eviction(s) at the minimum of 2 replica(s): node drains would block");
	}

	@Test
	void aDisruptionBudgetOfAHundredPercentFails() {
		List<Finding> findings = check(broken("  maxUnavailable: 1\n", "  minAvailable: 100%\n"));

		assertThat(findings).singleElement()
			.satisfies((finding) -> assertThat(finding.toString())
				.startsWith("overlay.yaml: PodDisruptionBudget demo/shop: [pdb-allows-eviction] minAvailable 100%"));
	}

	@Test
	void aDisruptionBudgetAllowingNoUnavailablePodFails() {
		List<Finding> findings = check(broken("  maxUnavailable: 1\n", "  maxUnavailable: 0\n"));

		assertThat(findings).singleElement()
			.satisfies((finding) -> assertThat(finding.toString()).startsWith(
					"overlay.yaml: PodDisruptionBudget demo/shop: [pdb-allows-eviction] maxUnavailable 0 allows 0"));
	}

	@Test
	void aDisruptionBudgetIsJudgedAtTheAutoscalersMinimum() {
		// minAvailable 2 is fine at 3 replicas (HPA minimum 3), and 50 % of 2 rounds up
		// to 1.
		assertThat(check(broken("  minReplicas: 2\n", "  minReplicas: 3\n").replace("  maxUnavailable: 1\n",
				"  minAvailable: 2\n")))
			.isEmpty();
		assertThat(check(broken("  maxUnavailable: 1\n", "  minAvailable: 50%\n"))).isEmpty();
	}

	@Test
	void aContainerWithoutLivenessProbeFails() {
		List<Finding> findings = check(broken(
				"          livenessProbe: {httpGet: {path: /actuator/health/liveness, port: management}}\n", ""));

		assertThat(findings).singleElement()
			.hasToString(
					"overlay.yaml: Deployment demo/shop: [container-probes] container 'shop' has no livenessProbe");
	}

	@Test
	void aContainerWithoutMemoryLimitFails() {
		List<Finding> findings = check(broken("            limits: {memory: 768Mi}\n", ""));

		assertThat(findings).singleElement()
			.hasToString(
					"overlay.yaml: Deployment demo/shop: [container-resources] container 'shop' has no limits.memory");
	}

	@Test
	void aContainerWithoutRequestsFails() {
		List<Finding> findings = check(broken("requests: {cpu: 250m, memory: 768Mi}", "requests: {}"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [container-resources] container 'shop' has no "
					+ "requests.cpu, requests.memory");
	}

	@Test
	void aWritableRootFilesystemFails() {
		List<Finding> findings = check(broken("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [container-security] container 'shop' is not hardened: "
					+ "readOnlyRootFilesystem: true");
	}

	@Test
	void aRootContainerWithCapabilitiesAndEscalationFails() {
		List<Finding> findings = check(broken("runAsNonRoot: true", "runAsNonRoot: false")
			.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")
			.replace("capabilities: {drop: [ALL]}", "capabilities: {add: [NET_ADMIN]}")
			.replace("seccompProfile: {type: RuntimeDefault}", "seccompProfile: {type: Unconfined}"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [container-security] container 'shop' is not hardened: "
					+ "runAsNonRoot: true (and a non-zero runAsUser), allowPrivilegeEscalation: false, "
					+ "capabilities.drop: [ALL], no capabilities.add, seccompProfile.type: RuntimeDefault");
	}

	@Test
	void theLatestTagFails() {
		List<Finding> findings = check(broken(
				"registry.example.com:5000/shop@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
				"registry.example.com:5000/shop:latest"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [image-pinned] container 'shop' image "
					+ "'registry.example.com:5000/shop:latest' uses the latest tag: set a digest (repository@sha256:...) "
					+ "or a version tag");
	}

	@Test
	void anUntaggedImageFails() {
		List<Finding> findings = check(broken(
				"registry.example.com:5000/shop@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
				"registry.example.com:5000/shop"));

		assertThat(findings).singleElement()
			.satisfies((finding) -> assertThat(finding.toString()).startsWith("overlay.yaml: Deployment demo/shop: "
					+ "[image-pinned] container 'shop' image 'registry.example.com:5000/shop' is untagged (means latest)"));
	}

	@Test
	void imageReferencesAreReadLikeTheContainerRuntimeReadsThem() {
		assertThat(ImagePinnedPolicy.problem("registry.example.com:5000/shop:1.4.2")).isNull();
		assertThat(ImagePinnedPolicy.problem("shop:local")).isNull();
		assertThat(ImagePinnedPolicy.problem("shop")).contains("untagged");
		assertThat(ImagePinnedPolicy.problem("shop@sha256:abc")).contains("malformed digest");
		assertThat(ImagePinnedPolicy.problem("")).isEqualTo("is not set");
	}

	@Test
	void aSecretWithDataFails() {
		List<Finding> findings = check(withExtraDocument("""
				apiVersion: v1
				kind: Secret
				metadata:
				  name: shop-secrets
				  namespace: demo
				stringData:
				  DB_PASSWORD: hunter2
				"""));

		assertThat(findings).singleElement()
			.hasToString(
					"overlay.yaml: Secret demo/shop-secrets: [secret-without-data] carries data in the repository: "
							+ "keep secrets out of manifests and create them in the cluster (see k8s/README.md)");
	}

	@Test
	void aSecretWithoutDataPasses() {
		assertThat(check(withExtraDocument("""
				apiVersion: v1
				kind: Secret
				metadata:
				  name: shop-secrets
				  namespace: demo
				"""))).isEmpty();
	}

	@Test
	void aVerifiedDatabaseUrlWithoutRootCertFails() {
		List<Finding> findings = check(
				broken("?sslmode=verify-full&sslrootcert=/etc/shop/db-ca/bundle.pem", "?sslmode=verify-full"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [database-ca-mounted] container 'shop' verifies the "
					+ "database certificate but DB_URL names no sslrootcert (pgjdbc then reads "
					+ "~/.postgresql/root.crt, which the image does not have)");
	}

	@Test
	void aDatabaseCaBundleThatNoVolumeProvidesFails() {
		List<Finding> findings = check(
				broken("            - {name: db-ca, mountPath: /etc/shop/db-ca, readOnly: true}\n", ""));

		assertThat(findings).filteredOn((finding) -> finding.toString().contains("database-ca-mounted"))
			.singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [database-ca-mounted] container 'shop' reads the "
					+ "database CA bundle from /etc/shop/db-ca/bundle.pem, which no volume mount provides");
	}

	@Test
	void aDatabaseUrlThatDoesNotVerifyTheServerFails() {
		List<Finding> findings = check(
				broken("?sslmode=verify-full&sslrootcert=/etc/shop/db-ca/bundle.pem", "?sslmode=require"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [database-ca-mounted] container 'shop' connects to "
					+ "PostgreSQL without verifying its certificate (DB_URL needs sslmode=verify-full)");
	}

	@Test
	void anAlbIngressToPodIpsInANamespaceWithoutTheReadinessGateLabelFails() {
		List<Finding> findings = check(broken("    elbv2.k8s.aws/pod-readiness-gate-inject: enabled\n", ""));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Ingress demo/shop: [alb-readiness-gate] targets pod IPs through an ALB, but "
					+ "Namespace 'demo' lacks the label elbv2.k8s.aws/pod-readiness-gate-inject: enabled "
					+ "(no pod readiness gate during rolling updates)");
	}

	@Test
	void anAlbIngressToPodIpsWhoseNamespaceIsNotRenderedFails() {
		List<Finding> findings = check(
				broken("kind: Namespace\nmetadata:\n  name: demo\n", "kind: Namespace\nmetadata:\n  name: other\n"));

		assertThat(findings).singleElement()
			.hasToString(
					"overlay.yaml: Ingress demo/shop: [alb-readiness-gate] targets pod IPs through an ALB, but its "
							+ "namespace 'demo' is not part of the overlay, so nothing sets "
							+ "elbv2.k8s.aws/pod-readiness-gate-inject: enabled on it");
	}

	@Test
	void anAlbIngressToInstancesNeedsNoReadinessGate() {
		List<Finding> findings = check(broken("    elbv2.k8s.aws/pod-readiness-gate-inject: enabled\n", "")
			.replace("alb.ingress.kubernetes.io/target-type: ip", "alb.ingress.kubernetes.io/target-type: instance"));

		assertThat(findings).isEmpty();
	}

	@Test
	void anIngressBackendToAMissingServiceFails() {
		List<Finding> findings = check(
				broken("service: {name: shop, port: {name: http}}", "service: {name: shop-web, port: {name: http}}"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Ingress demo/shop: [ingress-backend-exists] backend Service 'shop-web' is not "
					+ "defined in namespace 'demo'");
	}

	@Test
	void anIngressBackendToAMissingServicePortFails() {
		List<Finding> findings = check(
				broken("service: {name: shop, port: {name: http}}", "service: {name: shop, port: {number: 8080}}"));

		assertThat(findings).singleElement()
			.hasToString(
					"overlay.yaml: Ingress demo/shop: [ingress-backend-exists] backend Service 'shop' has no port 8080");
	}

	@Test
	void aSelectorThatMissesItsOwnTemplateFails() {
		List<Finding> findings = check(broken(
				"  selector:\n    matchLabels:\n      app.kubernetes.io/name: shop\n  strategy:",
				"  selector:\n    matchLabels:\n      app.kubernetes.io/name: shop\n      tier: web\n  strategy:"));

		assertThat(findings).singleElement()
			.satisfies((finding) -> assertThat(finding.toString()).startsWith(
					"overlay.yaml: Deployment demo/shop: [selector-matches-template] selector does not match the pod template labels"));
	}

	@Test
	void aSelectorOnMoreThanTheNameLabelFails() {
		List<Finding> findings = check(broken(
				"  selector:\n    matchLabels:\n      app.kubernetes.io/name: shop\n  strategy:",
				"  selector:\n    matchLabels:\n      app.kubernetes.io/name: shop\n      app.kubernetes.io/part-of: demo\n  strategy:"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [selector-matches-template] selector must be matchLabels "
					+ "on app.kubernetes.io/name only");
	}

}
