package com.example.tourbooking.pipeline

import static org.assertj.core.api.Assertions.assertThat

import java.nio.file.Path

import com.sun.net.httpserver.HttpServer
import groovy.json.JsonGenerator
import groovy.json.JsonSlurper
import groovy.transform.PackageScope
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * The Jenkins side's golden samples in elk/samples/captured/ (the seam to Logstash, issue 12):
 * regenerated from the real producer or from the modelled plugin on every run and compared with
 * the committed files; {@code UPDATE_SAMPLES=1} rewrites them. Each event is checked against the
 * contract (elk/elasticsearch/datasets.yml). elk/samples/captured/README.md documents the
 * placeholders and the field mapping.
 */
@PackageScope
class CapturedSamplesTests {

	static final File CAPTURED = new File(PipelineHarness.ROOT, 'elk/samples/captured')

	/** Fixed stage notes: the Build pod of a main build (all succeeded), then the Staging pod whose Verify failed. */
	static final long START = 1_796_119_200_000L

	/** The last stage of each report runs until "now": its duration is replaced by this placeholder. */
	static final int OPEN_STAGE_DURATION_MS = 60_000

	@TempDir
	Path work

	@Test
	void stageEventsAsStageEventsShPostsThemToACapturingServer() {
		List<Map> events = []
		events += capture([(START): 'Build & Test', (START + 300_000): 'Static checks', (START + 420_000): 'Image',
				(START + 480_000): 'Push'], 'SUCCESS')
		events += capture([(START + 600_000): 'Deploy staging', (START + 690_000): 'Verify staging'], 'FAILURE')
		String ndjson = events.collect { json(it) + '\n' }.join('')

		ContractCheck contract = new ContractCheck('jenkins.build')
		events.each { assertThat(contract.problems(it)).as(json(it)).isEmpty() }
		assertThat(events*.event*.outcome).containsExactly('success', 'success', 'success', 'success', 'success', 'failure')
		compareOrUpdate('jenkins-stage-events.ndjson', ndjson)
	}

	@Test
	void pluginPayloadOfASucceedingAndAFailingPipelineBuild() {
		BuildContext success = BuildContext.branch('main')
		BuildContext failure = BuildContext.branch('main').failing('make build')
		Map ok = LogstashPluginPayload.payload(PipelineHarness.run(success), success,
				LogstashPluginPayload.testData(412, 3, []))
		Map failed = LogstashPluginPayload.payload(PipelineHarness.run(failure), failure,
				LogstashPluginPayload.testData(412, 3, [['com.example.tourbooking.reservation.ReservationControllerTests.bookingTheLastSeatTwiceConfirmsOnlyOne',
						'expected: 409 but was: 201']]))

		ContractCheck contract = new ContractCheck('jenkins.plugin-payload', 'jenkins.build', ['message', '@timestamp'])
		[ok, failed].each { assertThat(contract.problems(it)).as(json(it)).isEmpty() }
		assertThat(ok.data.result).isEqualTo('SUCCESS')
		assertThat(failed.data.result).isEqualTo('FAILURE')
		// For a pipeline, BuildData's rootProjectName is the job's own name: no cause to map.
		assertThat(ok.data.rootProjectName).isEqualTo(ok.data.projectName)
		compareOrUpdate('jenkins-plugin-success.json', LogstashPluginPayload.toJson(ok) + '\n')
		compareOrUpdate('jenkins-plugin-failure.json', LogstashPluginPayload.toJson(failed) + '\n')
	}

	@Test
	void aPayloadWithoutAResultOrWithAFieldOutsideTheContractIsRefused() {
		BuildContext context = BuildContext.branch('main')
		Map payload = LogstashPluginPayload.payload(PipelineHarness.run(context), context, LogstashPluginPayload.testData(1, 0, []))
		ContractCheck contract = new ContractCheck('jenkins.plugin-payload', 'jenkins.build', ['message', '@timestamp'])

		Map noResult = new JsonSlurper().parseText(json(payload)) as Map
		noResult.data.remove('result')
		assertThat(contract.problems(noResult)).contains('data.result is always present in the contract but missing')
		Map stage = [event: [outcome: 'fine']]
		assertThat(new ContractCheck('jenkins.build').problems(stage)).contains("event.outcome: 'fine' is not one of [success, failure, unknown]")
		assertThat(new ContractCheck('jenkins.build').problems([jenkins: [build: [number: '7']]]))
			.contains('jenkins.build.number: long, got String 7')
	}

	private List<Map> capture(Map<Long, String> notes, String result) {
		File log = work.resolve("stages-${result}.tsv").toFile()
		log.text = notes.collect { epoch, name -> "${epoch}\t${name}\n" }.join('')
		List<Map> received = []
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
		server.createContext('/') { exchange ->
			received << (Map) new JsonSlurper().parse(exchange.requestBody)
			exchange.sendResponseHeaders(200, -1)
			exchange.close()
		}
		server.start()
		try {
			Map run = ScriptRunner.run(['jenkins/bin/stage-events.sh', '--log', log.path], [
				JENKINS_EVENTS_URL: "http://127.0.0.1:${server.address.port}/".toString(), JENKINS_EVENTS_TOKEN: 'capture',
				JOB_NAME: 'tour-booking/main', BUILD_NUMBER: '42', BUILD_RESULT: result,
				BUILD_URL: 'https://jenkins.example.com/job/tour-booking/job/main/42/',
				GIT_COMMIT: '0123456789abcdef0123456789abcdef01234567', BUILD_CAUSE: 'jenkins.branch.BranchEventCause',
			])
			assertThat(run.exitCode).as((String) run.output).isEqualTo(0)
		}
		finally {
			server.stop(0)
		}
		Map last = received.last()
		last.event.duration_ms = OPEN_STAGE_DURATION_MS
		last.jenkins.stage.duration_ms = OPEN_STAGE_DURATION_MS
		return received
	}

	private static String json(Map event) {
		new JsonGenerator.Options().disableUnicodeEscaping().build().toJson(event)
	}

	private static void compareOrUpdate(String name, String actual) {
		File file = new File(CAPTURED, name)
		if (System.getenv('UPDATE_SAMPLES') == '1') {
			file.parentFile.mkdirs()
			file.text = actual
			return
		}
		assertThat(file).as("${file}: run UPDATE_SAMPLES=1 make pipeline-test to write it").exists()
		assertThat(actual).as("${name} differs from what the producer sends now; if the change is intended, "
				+ 'rerun with UPDATE_SAMPLES=1 and review the diff').isEqualTo(file.text)
	}

}
