package com.example.tourbooking.k8s;

import java.util.List;

import org.junit.jupiter.api.Test;

import static com.example.tourbooking.k8s.Fixture.broken;
import static com.example.tourbooking.k8s.Fixture.check;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema half of the check: kinds and API versions, unknown fields, types and
 * required fields, each proven on a deliberately broken manifest.
 */
class SchemaCheckTests {

	private static final String POLICIES_NOT_CHECKED = "overlay.yaml: <file>: [policies-not-checked] some objects do "
			+ "not match the schema: fix the findings above, then the policies run";

	@Test
	void theValidOverlayHasNoFinding() {
		assertThat(check(Fixture.VALID)).isEmpty();
	}

	@Test
	void anApiVersionRemovedBefore130IsRejected() {
		List<Finding> findings = check(broken("apiVersion: autoscaling/v2\n", "apiVersion: autoscaling/v2beta2\n"));

		assertThat(findings).extracting(Finding::toString)
			.containsExactly("overlay.yaml: HorizontalPodAutoscaler demo/shop: [schema-kind] autoscaling/v2beta2 "
					+ "HorizontalPodAutoscaler is not a generally available Kubernetes 1.30+ kind (check apiVersion and kind)",
					POLICIES_NOT_CHECKED);
	}

	@Test
	void anUnknownKindIsRejected() {
		List<Finding> findings = check(broken("kind: NetworkPolicy", "kind: NetworkPolicies"));

		assertThat(findings).hasSize(2).last().hasToString(POLICIES_NOT_CHECKED);
		assertThat(findings.get(0).toString())
			.startsWith("overlay.yaml: NetworkPolicies demo/shop: [schema-kind] networking.k8s.io/v1 NetworkPolicies");
	}

	@Test
	void aMisspelledFieldIsRejectedWithItsPath() {
		List<Finding> findings = check(broken("terminationGracePeriodSeconds: 60", "terminationGracePeriod: 60"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [schema-unknown-field] "
					+ "/spec/template/spec/terminationGracePeriod is not a field of PodSpec");
	}

	@Test
	void aFieldAtTheWrongLevelIsRejected() {
		// The classic broken HPA: bounds under scaleTargetRef instead of spec.
		List<Finding> findings = check(broken("name: shop}\n  minReplicas: 2\n", "name: shop, minReplicas: 2}\n"));

		assertThat(findings).extracting(Finding::rule).contains("schema-unknown-field");
		assertThat(findings).anySatisfy((finding) -> assertThat(finding.toString()).isEqualTo(
				"overlay.yaml: HorizontalPodAutoscaler demo/shop: [schema-unknown-field] /spec/scaleTargetRef/minReplicas "
						+ "is not a field of CrossVersionObjectReference"));
	}

	@Test
	void aStringWhereAnIntegerBelongsIsRejected() {
		List<Finding> findings = check(broken("maxReplicas: 4", "maxReplicas: \"4\""));

		assertThat(findings).singleElement()
			.hasToString(
					"overlay.yaml: HorizontalPodAutoscaler demo/shop: [schema-type] /spec/maxReplicas: must be integer");
	}

	@Test
	void aValueThatCannotBindIsRejected() {
		List<Finding> findings = check(
				broken("automountServiceAccountToken: false", "automountServiceAccountToken: [no]"));

		assertThat(findings).extracting(Finding::toString)
			.containsExactly(
					"overlay.yaml: ServiceAccount demo/shop: [schema-type] does not match the ServiceAccount "
							+ "schema: Cannot deserialize value of type `java.lang.Boolean` from Array value "
							+ "(token `JsonToken.START_ARRAY`)",
					"overlay.yaml: ServiceAccount demo/shop: [schema-type] /automountServiceAccountToken: must be boolean",
					POLICIES_NOT_CHECKED);
	}

	@Test
	void aValueOfTheWrongTypeIsReportedWithItsPathAndStopsThePolicies() {
		List<Finding> findings = check(
				broken("{name: http, containerPort: 8080}", "{name: http, containerPort: eighty}"));

		assertThat(findings).extracting(Finding::rule)
			.containsExactly("schema-type", "schema-type", "policies-not-checked");
		assertThat(findings.get(1)).hasToString("overlay.yaml: Deployment demo/shop: [schema-type] "
				+ "/spec/template/spec/containers/0/ports/0/containerPort: must be integer");
	}

	@Test
	void aMissingRequiredFieldIsRejected() {
		List<Finding> findings = check(broken("  maxReplicas: 4\n", ""));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: HorizontalPodAutoscaler demo/shop: [schema-required] /spec: "
					+ "missing required field maxReplicas");
	}

	@Test
	void aContainerWithoutNameIsRejected() {
		List<Finding> findings = check(broken("- name: shop\n          image:", "- image:"));

		assertThat(findings).singleElement()
			.hasToString("overlay.yaml: Deployment demo/shop: [schema-required] /spec/template/spec/containers/0: "
					+ "missing required field name");
	}

	@Test
	void aDocumentWithoutKindIsRejected() {
		List<Finding> findings = check(broken("kind: ServiceAccount\n", ""));

		assertThat(findings).extracting(Finding::toString)
			.containsExactly(
					"overlay.yaml: <no kind> demo/shop: [schema-required] missing required field apiVersion or kind",
					POLICIES_NOT_CHECKED);
	}

	@Test
	void unparsableYamlIsReported() {
		List<Finding> findings = check("apiVersion: v1\nkind: [Service\n");

		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("yaml-parse");
			assertThat(finding.source()).isEqualTo("overlay.yaml");
		});
	}

}
