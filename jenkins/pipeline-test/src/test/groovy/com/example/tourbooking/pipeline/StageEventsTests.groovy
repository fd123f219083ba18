package com.example.tourbooking.pipeline

import static org.assertj.core.api.Assertions.assertThat

import java.nio.file.Path

import com.sun.net.httpserver.HttpServer
import groovy.json.JsonSlurper
import groovy.transform.PackageScope
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * Stage timings: make notes each Jenkins stage's start in STAGE_LOG, and
 * jenkins/bin/stage-events.sh posts one jenkins.build event per stage to an http input (here a
 * loopback server standing in for Logstash's http input).
 */
@PackageScope
class StageEventsTests {

	@TempDir
	Path work

	@Test
	void makeNotesTheStartOfEachStageWhenJenkinsSetsTheStageName() {
		File log = work.resolve('stages.tsv').toFile()

		ScriptRunner.run(['make', '-n', 'format-check'], [STAGE_LOG: log.path, STAGE_NAME: 'Static checks'])
		ScriptRunner.run(['make', '-n', 'format-check'], [STAGE_LOG: log.path])

		assertThat(log.readLines()).hasSize(1)
		assertThat(log.readLines().first()).matches(/\d{13}\tStatic checks/)
	}

	@Test
	void eachStageIsPostedWithItsDurationAndTheBuildItBelongsTo() {
		File log = work.resolve('stages.tsv').toFile()
		long now = System.currentTimeMillis()
		log.text = [
			"${now - 90_000}\tBuild & Test",
			"${now - 89_000}\tBuild & Test",
			"${now - 30_000}\tStatic checks",
			"${now - 10_000}\tImage",
		].join('\n') + '\n'
		List<Map> received = []
		List<String> authorizations = []
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
		server.createContext('/') { exchange ->
			authorizations << exchange.requestHeaders.getFirst('Authorization')
			received << (Map) new JsonSlurper().parse(exchange.requestBody)
			exchange.sendResponseHeaders(200, -1)
			exchange.close()
		}
		server.start()
		try {
			Map result = ScriptRunner.run(['jenkins/bin/stage-events.sh', '--log', log.path], [
				JENKINS_EVENTS_URL: "http://127.0.0.1:${server.address.port}/".toString(),
				JENKINS_EVENTS_TOKEN: 'test-token', JOB_NAME: 'tour-booking/main', BUILD_NUMBER: '7', BUILD_RESULT: 'UNSTABLE',
				BUILD_URL: 'https://jenkins.example.com/job/tour-booking/job/main/7/', GIT_COMMIT: 'abc123',
			])

			assertThat(result.exitCode).as((String) result.output).isEqualTo(0)
			assertThat((String) result.output).contains('sent 3 stage events')
		}
		finally {
			server.stop(0)
		}
		assertThat(received*.jenkins*.stage*.name).containsExactly('Build & Test', 'Static checks', 'Image')
		assertThat(received*.jenkins*.stage*.duration_ms.take(2)).containsExactly(60_000, 20_000)
		assertThat((int) received[2].jenkins.stage.duration_ms).isBetween(10_000, 40_000)
		assertThat(received[0].jenkins.job.name).isEqualTo('tour-booking/main')
		assertThat(received[0].jenkins.build.number).isEqualTo(7)
		assertThat(received[0].git.commit).isEqualTo('abc123')
		assertThat(received*.jenkins*.build*.result.toSet()).containsExactly('UNSTABLE')
		assertThat(received*.event*.outcome).containsExactly('success', 'success', 'failure')
		assertThat(authorizations.toSet()).containsExactly('Basic ' + 'jenkins:test-token'.bytes.encodeBase64())
	}

	@Test
	void aMissingOrUnknownBuildResultIsRefusedWithWhatToSet() {
		File log = work.resolve('stages.tsv').toFile()
		log.text = "${System.currentTimeMillis() - 5_000}\tBuild & Test\n"
		Random random = new Random(12)
		List<String> bad = [null, '', 'success', 'PASSED', ' SUCCESS'] + (1..5).collect {
			(1..random.nextInt(12) + 1).collect { (char) (33 + random.nextInt(90)) }.join('')
		}

		bad.each { String result ->
			Map<String, String> env = [JENKINS_EVENTS_URL: 'http://127.0.0.1:9/', BUILD_NUMBER: '7']
			if (result != null) {
				env.BUILD_RESULT = result
			}
			Map run = ScriptRunner.run(['jenkins/bin/stage-events.sh', '--log', log.path], env)
			assertThat(run.exitCode).as("BUILD_RESULT=${result}").isEqualTo(2)
			assertThat((String) run.output).contains('is not a Jenkins result').contains('currentBuild.currentResult')
		}
	}

	@Test
	void withoutAnEventsUrlTheTimingsArePrintedAndNothingFails() {
		File log = work.resolve('stages.tsv').toFile()
		log.text = "${System.currentTimeMillis() - 5_000}\tBuild & Test\n"

		Map result = ScriptRunner.run(['jenkins/bin/stage-events.sh', '--log', log.path])

		assertThat(result.exitCode).isEqualTo(0)
		assertThat((String) result.output).containsPattern(/stage Build & Test\s+\d+\.\ds/)
			.contains('JENKINS_EVENTS_URL is not set')
	}

}
