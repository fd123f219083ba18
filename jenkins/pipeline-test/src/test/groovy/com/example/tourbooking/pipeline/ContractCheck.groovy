package com.example.tourbooking.pipeline

import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter

import groovy.transform.PackageScope
import org.yaml.snakeyaml.Yaml

/**
 * Checks an event against a dataset of elk/elasticsearch/datasets.yml (the field contract helper
 * "elk" owns): every field sent is in the contract with a value of its type, every field marked
 * {@code presence: always} is sent, and enumerated fields hold an allowed value. Types as
 * Elasticsearch maps them: keyword takes strings and numbers (it stores their text), long takes
 * integral numbers, date takes ISO-8601 text, object takes a JSON object.
 */
@PackageScope
class ContractCheck {

	static final File DATASETS = new File(PipelineHarness.ROOT, 'elk/elasticsearch/datasets.yml')

	/** Allowed values the contract states only in its descriptions; a field's own {@code values} list wins. */
	static final Map<String, List<String>> ENUMERATIONS = [
		'event.outcome': ['success', 'failure', 'unknown'],
		'event.dataset': ['jenkins.build'],
		'event.kind': ['event'],
		// hudson.model.Result.toString() of the five results.
		'jenkins.build.result': ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED'],
		'data.result': ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED'],
	]

	static final DateTimeFormatter PLUGIN_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")

	final Map<String, Map> fields

	/**
	 * The fields of {@code dataset}, plus {@code passThrough} fields taken from {@code into}: those a
	 * Logstash pipeline keeps unchanged when it turns this input into that dataset.
	 */
	ContractCheck(String dataset, String into = null, List<String> passThrough = []) {
		Map contract = (Map) new Yaml().load(DATASETS.text)
		fields = fieldsOf(contract, dataset)
		if (into) {
			Map<String, Map> target = fieldsOf(contract, into)
			passThrough.each { fields[it] = target[it] + [presence: 'optional'] }
		}
	}

	private static Map<String, Map> fieldsOf(Map contract, String dataset) {
		List<Map> list = (List<Map>) contract.datasets[dataset]?.fields
		if (list == null) {
			throw new AssertionError("dataset ${dataset} is not in ${DATASETS}")
		}
		list.collectEntries { [(it.name): it] }
	}

	/** Problems found in one event; empty when it satisfies the contract. */
	List<String> problems(Map event) {
		List<String> problems = []
		Map<String, Object> leaves = flatten(event)
		leaves.each { String path, Object value ->
			Map field = fields[path] ?: fields.find { name, f -> f.type == 'object' && path.startsWith("${name}.") }?.value
			if (field == null) {
				problems << "${path} is not in the contract".toString()
				return
			}
			if (field.name != path) {
				return
			}
			String typeProblem = typeProblem((String) field.type, value)
			if (typeProblem) {
				problems << "${path}: ${typeProblem}".toString()
			}
			List<String> allowed = (List<String>) (field.values ?: field.allowed ?: ENUMERATIONS[path])
			if (allowed && !(String.valueOf(value) in allowed)) {
				problems << "${path}: '${value}' is not one of ${allowed}".toString()
			}
		}
		fields.values().findAll { it.presence == 'always' }.each { Map field ->
			if (!leaves.containsKey(field.name) && !leaves.keySet().any { it.startsWith("${field.name}.") }) {
				problems << "${field.name} is always present in the contract but missing".toString()
			}
		}
		return problems
	}

	private static String typeProblem(String type, Object value) {
		switch (type) {
			case 'keyword':
			case 'match_only_text':
				return value instanceof CharSequence || value instanceof Number || value instanceof List ? null
						: "keyword, got ${value?.getClass()?.simpleName}"
			case 'long':
				return value instanceof Integer || value instanceof Long || value instanceof BigInteger ? null
						: "long, got ${value?.getClass()?.simpleName} ${value}"
			case 'date':
				return parsesAsDate(value) ? null : "date, got '${value}'"
			case 'object':
				return value instanceof Map ? null : 'object expected'
			default:
				return "unknown contract type ${type}"
		}
	}

	private static boolean parsesAsDate(Object value) {
		if (!(value instanceof CharSequence)) {
			return false
		}
		[DateTimeFormatter.ISO_OFFSET_DATE_TIME, PLUGIN_DATE].any { DateTimeFormatter format ->
			try {
				OffsetDateTime.parse(value, format)
				return true
			}
			catch (java.time.format.DateTimeParseException ex) {
				return false
			}
		}
	}

	/** Dotted paths to the leaves; an object-typed contract field keeps its own path too. */
	private Map<String, Object> flatten(Map event, String prefix = '') {
		Map<String, Object> leaves = [:]
		event.each { key, value ->
			String path = prefix + key
			if (value instanceof Map && fields[path]?.type != 'object') {
				leaves.putAll(flatten((Map) value, path + '.'))
			}
			else {
				leaves[path] = value
			}
			if (value instanceof Map && fields[path]?.type == 'object') {
				leaves.putAll(flatten((Map) value, path + '.').findAll { fields.containsKey(it.key) })
			}
		}
		return leaves
	}

}
