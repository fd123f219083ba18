package com.example.tourbooking.pipeline

import groovy.json.JsonGenerator
import groovy.transform.PackageScope

/**
 * What {@code logstashSend} of the Jenkins Logstash plugin 2.4.0 (jenkinsci/logstash-plugin, tag
 * logstash-2.4.0) puts on the tcp socket for a pipeline build, built from a simulated run:
 * <ul>
 * <li>{@code BuildData(Run, Date, TaskListener, String, String)}, the pipeline constructor, via
 * {@code LogstashWriter(run, ...)} with stageName and agentName null; {@code initData} fills the
 * fields; {@code rootProjectName} etc. are copies of projectName etc. (never a cause);
 * {@code buildVariables} is {@code Run.getEnvironment(listener)} (an EnvVars: sorted,
 * case-insensitive); {@code updateResult()} copies {@code build.getResult()} only when it is
 * not null and adds {@code testResults} (TestData) only when the run has a test result action.</li>
 * <li>Gson's default serialisation of BuildData: fields in declaration order, transient
 * ({@code timestamp}, {@code build}) and null fields left out.</li>
 * <li>{@code AbstractLogstashIndexerDao.buildPayload}: data, message (the log lines), source,
 * source_host, @buildTimestamp, @timestamp, @version (the number 1); dates with
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ} (milliSecondTimestamps true in casc.yaml);
 * {@code LogstashDao.push} writes it as one line.</li>
 * </ul>
 * Values Jenkins core supplies that the harness cannot run (Run.getUrl, the built-in node's display
 * name, the environment contributors) are modelled from their conventions and named in
 * elk/samples/captured/README.md.
 */
@PackageScope
class LogstashPluginPayload {

	static final String JENKINS_URL = 'https://jenkins.example.com/'

	/** Fixed build start and send time: the harness has no clock (documented as placeholders). */
	static final String BUILD_TIMESTAMP = '2026-12-01T10:00:00.000+0000'

	static final String SEND_TIMESTAMP = '2026-12-01T10:14:05.000+0000'

	static final long BUILD_DURATION_MS = 845_000

	/** The test counts a junit report gives TestData; failed tests with their error details. */
	static Map<String, Object> testData(int total, int skipped, List<List<String>> failed) {
		[totalCount: total, skipCount: skipped, failCount: failed.size(), passCount: total - skipped - failed.size(),
				failedTestsWithErrorDetail: failed.collect { [fullName: it[0], errorDetails: it[1]] },
				failedTests: failed.collect { it[0] }]
	}

	static Map<String, Object> payload(RunResult run, BuildContext context, Map<String, Object> testData) {
		StepCall send = run.calls('logstashSend').first()
		String jobName = context.environment().JOB_NAME
		String projectName = jobName.tokenize('/').last()
		String displayName = "#${context.buildNumber}"
		String fullDisplayName = "${jobName.tokenize('/').join(' » ')} #${context.buildNumber}"
		Map<String, Object> data = new LinkedHashMap<>()
		data.id = String.valueOf(context.buildNumber)
		data.result = send.buildResult
		data.projectName = projectName
		data.fullProjectName = jobName
		data.displayName = displayName
		data.fullDisplayName = fullDisplayName
		data.description = null
		// Run.getUrl() is relative to the Jenkins root URL.
		data.url = "job/${jobName.tokenize('/').join('/job/')}/${context.buildNumber}/".toString()
		// A pipeline's flyweight executor sits on the built-in node (display name "Jenkins", no labels).
		data.buildHost = 'Jenkins'
		data.buildLabel = 'master'
		data.stageName = null
		data.agentName = null
		data.buildNum = context.buildNumber
		data.buildDuration = BUILD_DURATION_MS
		data.rootProjectName = projectName
		data.rootFullProjectName = jobName
		data.rootProjectDisplayName = displayName
		data.rootBuildNum = context.buildNumber
		data.buildVariables = runEnvironment(context)
		data.sensitiveBuildVariables = null
		data.testResults = run.calls('junit') ? testData : null
		data.values().removeIf { it == null }
		Map<String, Object> payload = new LinkedHashMap<>()
		payload.data = data
		payload.message = logLines(run).takeRight(300)
		payload.source = 'jenkins'
		payload.source_host = JENKINS_URL
		payload['@buildTimestamp'] = BUILD_TIMESTAMP
		payload['@timestamp'] = SEND_TIMESTAMP
		payload['@version'] = 1
		return payload
	}

	static String toJson(Map<String, Object> payload) {
		new JsonGenerator.Options().disableUnicodeEscaping().build().toJson(payload)
	}

	/** Run.getEnvironment of a multibranch pipeline run: core's characteristic variables, branch-api's and git's. */
	private static Map<String, String> runEnvironment(BuildContext context) {
		Map<String, String> env = context.environment()
		String jobName = env.JOB_NAME
		Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER)
		all.putAll(env)
		all.BUILD_ID = env.BUILD_NUMBER
		all.BUILD_DISPLAY_NAME = "#${env.BUILD_NUMBER}".toString()
		all.BUILD_TAG = "jenkins-${jobName.replace('/', '-')}-${env.BUILD_NUMBER}".toString()
		all.JOB_BASE_NAME = jobName.tokenize('/').last()
		all.JOB_URL = "${JENKINS_URL}job/${jobName.tokenize('/').join('/job/')}/".toString()
		all.JENKINS_URL = JENKINS_URL
		all.GIT_BRANCH = env.BRANCH_NAME
		all.GIT_URL = 'https://github.com/example/tour-booking.git'
		return all
	}

	/** The build log as Jenkins writes it for these steps: "[Pipeline] step", and "+ command" for sh. */
	private static List<String> logLines(RunResult run) {
		List<String> lines = ['Branch event']
		run.steps.each { StepCall call ->
			lines << "[Pipeline] ${call.step}".toString()
			if (call.step == 'sh') {
				lines << "+ ${call.argument()}".toString()
			}
		}
		return lines
	}

}
