package com.example.tourbooking.pipeline

import groovy.transform.PackageScope

/**
 * Reads a declarative {@code pipeline { }} block the way Jenkins validates it: each section is
 * evaluated against a delegate that knows only the directives this project uses, so anything else
 * fails with {@link UnknownDirectiveException}. Steps are not run here; {@link DeclarativeRunner}
 * runs them.
 */
@PackageScope
abstract class SectionDsl {

	abstract String sectionName()

	def methodMissing(String name, Object args) {
		throw UnknownDirectiveException.inSection(sectionName(), name)
	}

	def propertyMissing(String name) {
		throw UnknownDirectiveException.inSection(sectionName(), name)
	}

	static <T> T evaluate(Closure body, T dsl) {
		Closure copy = body.rehydrate(dsl, body.owner, body.thisObject)
		copy.resolveStrategy = Closure.DELEGATE_ONLY
		copy.call()
		return dsl
	}

	static void once(Object current, String section, String directive) {
		if (current) {
			throw new IllegalStateException("${directive} appears twice in ${section}; Jenkins rejects that")
		}
	}

}

/** The top-level {@code pipeline { }} sections. */
@PackageScope
class PipelineDsl extends SectionDsl {

	final PipelineSpec spec = new PipelineSpec()

	static PipelineSpec parse(Closure body) {
		PipelineSpec spec = evaluate(body, new PipelineDsl()).spec
		if (!spec.agent) {
			throw new IllegalStateException('pipeline has no agent; Jenkins rejects that')
		}
		if (!spec.stages) {
			throw new IllegalStateException('pipeline has no stages; Jenkins rejects that')
		}
		return spec
	}

	String sectionName() {
		'pipeline'
	}

	void agent(Closure body) {
		once(spec.agent, 'pipeline', 'agent')
		spec.agent = evaluate(body, new AgentDsl()).agent
	}

	/** {@code agent none}: no pipeline-wide agent; stages ask for their own. */
	void agent(NoAgent none) {
		once(spec.agent, 'pipeline', 'agent')
		spec.agent = [kind: 'none']
	}

	NoAgent getNone() {
		NoAgent.NONE
	}

	void options(Closure body) {
		once(spec.options, 'pipeline', 'options')
		spec.options = evaluate(body, new OptionsDsl()).options
	}

	void environment(Closure body) {
		once(spec.environment, 'pipeline', 'environment')
		spec.environment = evaluate(body, new EnvironmentDsl()).variables
	}

	void stages(Closure body) {
		once(spec.stages, 'pipeline', 'stages')
		spec.stages = evaluate(body, new StagesDsl()).stages
	}

	void post(Closure body) {
		once(spec.post, 'pipeline', 'post')
		spec.post = evaluate(body, new PostDsl()).conditions
	}

}

/** {@code agent { kubernetes { } }}: the only agent kind this pipeline runs on. */
@PackageScope
class AgentDsl extends SectionDsl {

	Map<String, Object> agent = [:]

	String sectionName() {
		'agent'
	}

	void kubernetes(Closure body) {
		once(agent, 'agent', 'kubernetes')
		agent = [kind: 'kubernetes'] + evaluate(body, new KubernetesAgentDsl()).settings
	}

}

/** The {@code none} of {@code agent none}. */
@PackageScope
enum NoAgent {

	NONE

}

/** The settings of a Kubernetes agent: the pod template it inherits and the default container. */
@PackageScope
class KubernetesAgentDsl extends SectionDsl {

	Map<String, Object> settings = [:]

	String sectionName() {
		'agent { kubernetes }'
	}

	void inheritFrom(String podTemplate) {
		settings.inheritFrom = podTemplate
	}

	void defaultContainer(String container) {
		settings.defaultContainer = container
	}

}

/** Pipeline-wide {@code options { }}. */
@PackageScope
class OptionsDsl extends SectionDsl {

	List<OptionSpec> options = []

	String sectionName() {
		'options'
	}

	void timeout(Map arguments) {
		add('timeout', arguments)
	}

	void buildDiscarder(Map strategy) {
		add('buildDiscarder', strategy)
	}

	Map logRotator(Map arguments) {
		[logRotator: arguments]
	}

	void disableConcurrentBuilds(Map arguments) {
		add('disableConcurrentBuilds', arguments)
	}

	void disableConcurrentBuilds() {
		add('disableConcurrentBuilds', [:])
	}

	void timestamps() {
		add('timestamps', [:])
	}

	private void add(String name, Map arguments) {
		if (options.any { it.name == name }) {
			throw new IllegalStateException("option ${name} appears twice")
		}
		options << new OptionSpec(name: name, arguments: arguments)
	}

}

/** {@code environment { NAME = 'value' }} and {@code NAME = credentials('id')}. */
@PackageScope
class EnvironmentDsl extends SectionDsl {

	Map<String, Object> variables = [:]

	String sectionName() {
		'environment'
	}

	CredentialRef credentials(String id) {
		new CredentialRef(id: id)
	}

	/** Jenkins evaluates a double-quoted value when the block starts, with the build's {@code currentBuild} in scope. */
	def propertyMissing(String name) {
		if (name in ['currentBuild', 'env']) {
			return DeclarativeRunner.current().variable(name)
		}
		throw UnknownDirectiveException.inSection(sectionName(), name)
	}

	def propertyMissing(String name, Object value) {
		if (value instanceof GString) {
			value = value.toString()
		}
		if (!(value instanceof String || value instanceof CredentialRef)) {
			throw new IllegalStateException("environment ${name} must be a string or credentials('id'), "
					+ "not ${value?.getClass()?.simpleName}")
		}
		variables[name] = value
	}

}

/** The {@code stages { }} list. */
@PackageScope
class StagesDsl extends SectionDsl {

	List<StageSpec> stages = []

	String sectionName() {
		'stages'
	}

	void stage(String name, Closure body) {
		if (stages.any { it.name == name }) {
			throw new IllegalStateException("stage '${name}' appears twice")
		}
		StageSpec stage = evaluate(body, new StageDsl(name)).stage
		if (!stage.steps == !stage.stages) {
			throw new IllegalStateException("stage '${name}' needs exactly one of steps or stages; Jenkins rejects that")
		}
		stages << stage
	}

}

/** The directives of one stage. */
@PackageScope
class StageDsl extends SectionDsl {

	final StageSpec stage

	StageDsl(String name) {
		stage = new StageSpec(name: name)
	}

	String sectionName() {
		"stage '${stage.name}'"
	}

	void when(Closure body) {
		once(stage.when, sectionName(), 'when')
		WhenDsl when = evaluate(body, new WhenDsl())
		stage.when = when.combined()
		stage.whenBefore = when.before
	}

	void agent(Closure body) {
		once(stage.agent, sectionName(), 'agent')
		stage.agent = evaluate(body, new AgentDsl()).agent
	}

	void agent(NoAgent none) {
		once(stage.agent, sectionName(), 'agent')
		stage.agent = [kind: 'none']
	}

	NoAgent getNone() {
		NoAgent.NONE
	}

	void options(Closure body) {
		once(stage.options, sectionName(), 'options')
		stage.options = evaluate(body, new StageOptionsDsl()).options
	}

	void stages(Closure body) {
		once(stage.stages, sectionName(), 'stages')
		stage.stages = evaluate(body, new StagesDsl()).stages
	}

	void environment(Closure body) {
		once(stage.environment, sectionName(), 'environment')
		stage.environment = evaluate(body, new EnvironmentDsl()).variables
	}

	void steps(Closure body) {
		once(stage.steps, sectionName(), 'steps')
		stage.steps = body
	}

	void post(Closure body) {
		once(stage.post, sectionName(), 'post')
		stage.post = evaluate(body, new PostDsl()).conditions
	}

}

/** {@code when { }} conditions; several conditions in one block must all match, as in Jenkins. */
@PackageScope
class WhenDsl extends SectionDsl {

	List<Condition> conditions = []

	/** beforeOptions / beforeAgent: Jenkins evaluates the condition before that step (ModelInterpreter.WhenEvaluator). */
	String before

	String sectionName() {
		'when'
	}

	void beforeOptions(boolean value) {
		before = value ? 'options' : before
	}

	void beforeAgent(boolean value) {
		before = value && before != 'options' ? 'agent' : before
	}

	void branch(String pattern) {
		String regex = pattern.collect { it == '*' ? '.*' : it == '?' ? '.' : java.util.regex.Pattern.quote(it) }
			.join('')
		conditions << new Condition(description: "branch '${pattern}'",
				test: { Map env -> env.BRANCH_NAME != null && env.BRANCH_NAME ==~ regex })
	}

	void changeRequest() {
		conditions << new Condition(description: 'changeRequest()', test: { Map env -> env.CHANGE_ID != null })
	}

	void not(Closure body) {
		Condition inner = evaluate(body, new WhenDsl()).combined()
		conditions << new Condition(description: "not { ${inner} }", test: { Map env -> !inner.matches(env) })
	}

	void allOf(Closure body) {
		List<Condition> inner = evaluate(body, new WhenDsl()).conditions
		conditions << new Condition(description: "allOf { ${inner.join('; ')} }",
				test: { Map env -> inner.every { it.matches(env) } })
	}

	void anyOf(Closure body) {
		List<Condition> inner = evaluate(body, new WhenDsl()).conditions
		conditions << new Condition(description: "anyOf { ${inner.join('; ')} }",
				test: { Map env -> inner.any { it.matches(env) } })
	}

	Condition combined() {
		if (conditions.isEmpty()) {
			throw new IllegalStateException('when has no condition; Jenkins rejects that')
		}
		if (conditions.size() == 1) {
			return conditions[0]
		}
		List<Condition> all = conditions
		return new Condition(description: all.join('; '), test: { Map env -> all.every { it.matches(env) } })
	}

}

/** {@code post { }} conditions, kept in the order Jenkins evaluates them. */
@PackageScope
class PostDsl extends SectionDsl {

	/**
	 * The conditions this project models, in the order of their {@code @Extension} ordinals
	 * (pipeline-model-definition 2.2205, model/conditions/*.groovy): always 1000, fixed 890,
	 * aborted 800, success 700, unstable 600... unsuccessful 650, failure 500, notBuilt 400, cleanup -10000.
	 */
	static final List<String> ORDER = ['always', 'fixed', 'aborted', 'success', 'unsuccessful', 'failure', 'notBuilt',
			'cleanup']

	Map<String, Closure> conditions = [:]

	String sectionName() {
		'post'
	}

	def methodMissing(String name, Object args) {
		Object[] arguments = args as Object[]
		if (!(name in ORDER) || arguments.length != 1 || !(arguments[0] instanceof Closure)) {
			throw UnknownDirectiveException.inSection('post', name)
		}
		once(conditions[name], 'post', name)
		conditions[name] = (Closure) arguments[0]
	}

}

/** A stage's {@code options { }}: the wrapper steps it uses, applied in the order written, around input, agent and steps. */
@PackageScope
class StageOptionsDsl extends SectionDsl {

	List<OptionSpec> options = []

	String sectionName() {
		'stage options'
	}

	void timeout(Map arguments) {
		add('timeout', arguments)
	}

	void lock(Map arguments) {
		add('lock', arguments)
	}

	void lock(String resource) {
		add('lock', [resource: resource])
	}

	private void add(String name, Map arguments) {
		if (options.any { it.name == name }) {
			throw new IllegalStateException("option ${name} appears twice")
		}
		options << new OptionSpec(name: name, arguments: arguments)
	}

}
