package com.example.tourbooking.k8s;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks one rendered overlay (a multi-document YAML file): every object against the
 * Kubernetes schema, then the overlay as a whole against every {@link Policy}.
 */
final class ManifestChecker {

	static final List<Policy> POLICIES = List.of(new ServiceSelectsPodsPolicy(), new ServiceTargetPortPolicy(),
			new ProbePortPolicy(), new ScaleTargetExistsPolicy(), new PdbTargetExistsPolicy(),
			new PdbAllowsEvictionPolicy(), new ContainerProbesPolicy(), new ContainerResourcesPolicy(),
			new ContainerSecurityPolicy(), new ImagePinnedPolicy(), new SecretWithoutDataPolicy(),
			new IngressBackendPolicy(), new SelectorMatchesTemplatePolicy(), new AlbReadinessGatePolicy(),
			new DatabaseCaMountedPolicy());

	private final ObjectReader yaml = YAMLMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build()
		.readerFor(JsonNode.class);

	private final ModelSchemaCheck modelSchema = new ModelSchemaCheck();

	private final OpenApiSchemaCheck openApiSchema;

	ManifestChecker(OpenApiSchemaCheck openApiSchema) {
		this.openApiSchema = openApiSchema;
	}

	List<Finding> check(String source, String content) {
		List<JsonNode> documents;
		try {
			documents = this.yaml.<JsonNode>readValues(content)
				.readAll()
				.stream()
				.filter((document) -> document != null && !document.isMissingNode() && !document.isNull())
				.toList();
		}
		catch (JacksonException ex) {
			return List.of(new Finding(source, "<file>", "yaml-parse", ex.getOriginalMessage()));
		}
		List<Finding> findings = new ArrayList<>();
		if (documents.isEmpty()) {
			findings.add(new Finding(source, "<file>", "yaml-parse", "has no Kubernetes object"));
			return findings;
		}
		ModelSchemaCheck.Result bound = this.modelSchema.bind(source, documents);
		findings.addAll(bound.findings());
		findings.addAll(this.openApiSchema.check(bound.knownKinds()));
		if (!bound.allBound()) {
			// Cross-object rules on a partial overlay would only report follow-on errors.
			findings.add(new Finding(source, "<file>", "policies-not-checked",
					"some objects do not match the schema: fix the findings above, then the policies run"));
			return findings;
		}
		Manifests manifests = new Manifests(bound.objects());
		for (Policy policy : POLICIES) {
			findings.addAll(policy.check(manifests));
		}
		return findings;
	}

}
