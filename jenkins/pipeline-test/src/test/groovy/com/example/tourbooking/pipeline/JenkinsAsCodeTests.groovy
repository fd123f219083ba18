package com.example.tourbooking.pipeline

import static org.assertj.core.api.Assertions.assertThat

import groovy.transform.PackageScope
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.yaml.snakeyaml.Yaml

/**
 * jenkins/plugins.txt, jenkins/casc.yaml and jenkins/helm/values.yaml agree with each other and
 * with the Jenkinsfile: exactly the plugins that are used, pinned; credentials the Jenkinsfile binds
 * exist as placeholders; the agent pod template and the Logstash port match their users.
 */
@PackageScope
class JenkinsAsCodeTests {

	static final File JENKINS = new File(PipelineHarness.ROOT, 'jenkins')

	static Map<String, String> plugins

	static Map casc

	static Map values

	static List<RunResult> runs

	@BeforeAll
	static void load() {
		plugins = new File(JENKINS, 'plugins.txt').readLines().collectEntries { String line ->
			List<String> parts = line.split(':', 2) as List
			[(parts[0]): parts.size() > 1 ? parts[1] : '']
		}
		casc = (Map) new Yaml().load(new File(JENKINS, 'casc.yaml').text)
		values = (Map) new Yaml().load(new File(JENKINS, 'helm/values.yaml').text)
		runs = [BuildContext.branch('main').failing('make verify ENV=production'),
				BuildContext.branch('main').afterPreviousBuild('FAILURE'),
				BuildContext.branch('main').failing('make deploy ENV=staging'),
				BuildContext.pullRequest('9', 'main')].collect { PipelineHarness.run(it) }
	}

	@Test
	void pluginsTxtPinsEveryPluginOnceInOrder() {
		List<String> lines = new File(JENKINS, 'plugins.txt').readLines()

		lines.each { assertThat(it).matches(/[a-z0-9-]+:[0-9][0-9A-Za-z._-]*/) }
		assertThat(lines.collect { it.split(':')[0] }).doesNotHaveDuplicates().isSorted()
	}

	@Test
	void pluginsTxtListsExactlyThePluginsTheJenkinsfileAndCascUse() {
		PluginUsage usage = new PluginUsage()
		runs.each { usage.useJenkinsfile(it) }
		usage.useCasc(casc)

		assertThat(usage.unknown).as('steps, directives or JCasC keys missing from PluginUsage').isEmpty()
		assertThat(plugins.keySet()).containsExactlyInAnyOrderElementsOf(usage.plugins + PluginUsage.IMPLICIT.keySet())
	}

	@Test
	void helmValuesInstallExactlyPluginsTxtAndLeaveJcascToCascYaml() {
		assertThat(values.controller.installPlugins).isEqualTo(new File(JENKINS, 'plugins.txt').readLines())
		assertThat(values.controller.JCasC.defaultConfig).isEqualTo(false)
	}

	@Test
	void everyCredentialTheJenkinsfileBindsIsDefinedAsAPlaceholder() {
		Set<String> used = runs.collectMany { RunResult run ->
			run.calls('withCredentials').collectMany { (List<Map>) it.arguments[0] }*.credentialsId +
				([run.spec.environment] + run.spec.allStages()*.environment).collectMany { it.values() }
					.findAll { it instanceof CredentialRef }*.id
		} as Set
		used << (String) casc.unclassified.slackNotifier.tokenCredentialId
		List<Map> defined = PluginUsage.credentialEntries(casc).collect { (Map) it.values().first() }

		used << (String) casc.unclassified.gitHubPluginConfig.hookSecretConfigs.first().credentialsId
		assertThat(used).containsExactlyInAnyOrder('deploy-events-token', 'jenkins-events-token', 'slack-token',
				'elasticsearch-gate', 'github-webhook-secret')
		assertThat(defined*.id).containsAll(used)
		defined.each { Map credential ->
			credential.findAll { it.key in ['password', 'secret', 'secretKey', 'accessKey', 'username'] }.each { key, value ->
				assertThat((String) value).as("${credential.id}.${key}").matches(/\$\{tour-booking-ci-[a-z0-9-]+\}/)
			}
		}
	}

	@Test
	void everyPlaceholderIsProvidedByTheHelmValues() {
		String settings = new File(JENKINS, 'casc.yaml').readLines().findAll { !(it ==~ /\s*#.*/) }.join('\n')
		Set<String> placeholders = (settings =~ /\$\{([A-Za-z0-9_-]+)\}/).collect { it[1] } as Set
		Set<String> secretKeys = values.controller.additionalExistingSecrets.collect { "${it.name}-${it.keyName}".toString() } as Set
		Set<String> environment = values.controller.containerEnv*.name as Set
		Set<String> chart = ['chart-admin-username', 'chart-admin-password'] as Set

		assertThat(placeholders.findAll { !(it in secretKeys || it in environment || it in chart) })
			.as('placeholders nobody provides').isEmpty()
	}

	@Test
	void everyAgentTheJenkinsfileAsksForIsAPodTemplateWhoseBuildContainerExists() {
		List<Map> agents = runs.collectMany { it.spec.allStages()*.agent }.findAll { it && it.kind != 'none' }

		assertThat(agents).isNotEmpty()
		agents.each { Map agent ->
			Map template = casc.jenkins.clouds.first().kubernetes.templates.find { it.name == agent.inheritFrom }
			assertThat(template).as("pod template ${agent.inheritFrom}").isNotNull()
			Map pod = (Map) new Yaml().load((String) template.yaml)
			assertThat(pod.spec.containers*.name).contains(agent.defaultContainer)
			assertThat(values.serviceAccountAgent.name).isEqualTo(template.serviceAccount)
		}
	}

	@Test
	void awsCredentialsReachTheAgentPodThroughIrsaAndNoAwsKeyIsStoredInJenkins() {
		Map template = casc.jenkins.clouds.first().kubernetes.templates.find { it.name == 'tour-booking-agent' }
		Map pod = (Map) new Yaml().load((String) template.yaml)
		Map build = pod.spec.containers.find { it.name == 'build' }

		// EKS's pod identity webhook injects AWS_ROLE_ARN and the web identity token into pods whose
		// service account carries this annotation.
		assertThat((String) values.serviceAccountAgent.annotations['eks.amazonaws.com/role-arn'])
			.matches(/arn:aws:iam::\d{12}:role\/[\w+=,.@-]+/)
		assertThat(values.serviceAccountAgent.create).isEqualTo(true)
		assertThat(PluginUsage.credentialEntries(casc)*.keySet().flatten()).doesNotContain('aws')
		assertThat(values.controller.additionalExistingSecrets*.keyName.findAll { it.startsWith('aws') }).isEmpty()
		assertThat(build.env*.name).contains('AWS_REGION', 'IMAGE_REGISTRY')
		// The stages that pull or push images or talk to EKS run in a pod of this template.
		RunResult main = PipelineHarness.run(BuildContext.branch('main'))
		['make image', 'make push ENV=staging', 'make deploy ENV=staging', 'make verify ENV=staging',
				'make deploy ENV=production', 'make verify ENV=production'].each { String command ->
			assertThat(main.command(command).agent?.template).as(command).isEqualTo('tour-booking-agent')
		}
	}

	@Test
	void theAgentImageShipsTheEcrCredentialHelperAndTheAwsCliAndJibUsesTheHelper() {
		String containerfile = new File(JENKINS, 'agent/Containerfile').text
		String install = (containerfile =~ /(?s)apt-get install[^&]*/).collect { it }.join(' ')

		assertThat(install).contains('amazon-ecr-credential-helper').contains('awscli')
		def config = (containerfile =~ /(?m)^ENV DOCKER_CONFIG=(\S+)/)
		assertThat(config.find()).as('ENV DOCKER_CONFIG in the Containerfile').isTrue()
		assertThat(containerfile).contains('{"credsStore": "ecr-login"}').contains("${config.group(1)}/config.json")
	}

	@Test
	void theGithubWebhookHasASecret() {
		List<Map> secrets = casc.unclassified.gitHubPluginConfig.hookSecretConfigs
		Map credential = PluginUsage.credentialEntries(casc).collect { (Map) it.values().first() }
			.find { it.id == secrets.first().credentialsId }

		assertThat(secrets).hasSize(1)
		assertThat(PluginUsage.credentialEntries(casc).find { it.values().first().id == credential.id }.keySet())
			.containsExactly('string')
		assertThat((String) credential.secret).isEqualTo('${tour-booking-ci-github-webhook-secret}')
	}

	@Test
	void theHelmChartVersionIsPinnedToTheOneWhoseAppVersionIsTheControllerImage() {
		Map result = ScriptRunner.run(['make', '-n', '--no-print-directory', 'jenkins-install'])
		String tag = values.controller.image.tag

		assertThat(result.exitCode).as((String) result.output).isEqualTo(0)
		assertThat((String) result.output).containsPattern(/helm upgrade --install jenkins jenkins\/jenkins .*--version 5\.5\.13\b/)
		// jenkinsci/helm-charts tag jenkins-5.5.13: appVersion 2.462.1.
		assertThat(tag).startsWith('2.462.1-')
		assertThat(new File(JENKINS, 'README.md').text).contains('make jenkins-install').doesNotContain('helm upgrade --install jenkins jenkins/jenkins --namespace')
	}

	@Test
	void theLogstashPluginSendsToTheTcpInputOfTheJenkinsLogstashPipeline() {
		String pipeline = new File(PipelineHarness.ROOT, 'elk/logstash/pipeline/jenkins.conf').text
		def tcpPort = (pipeline =~ /(?s)tcp\s*\{[^}]*?port\s*=>\s*(\d+)/)
		def httpPort = (pipeline =~ /(?s)http\s*\{[^}]*?port\s*=>\s*(\d+)/)

		assertThat(tcpPort.find()).as('tcp input in jenkins.conf').isTrue()
		assertThat(casc.unclassified.logstashConfiguration.logstashIndexer.logstash.port)
			.isEqualTo(tcpPort.group(1) as int)
		assertThat(httpPort.find()).as('http input in jenkins.conf').isTrue()
		String eventsUrl = values.controller.containerEnv.find { it.name == 'LOGSTASH_JENKINS_EVENTS_URL' }.value
		assertThat(eventsUrl).endsWith(":${httpPort.group(1)}")
	}

	@Test
	void theMultibranchJobIsValidGroovyAndBuildsTheJenkinsfile() {
		List<String> scripts = PluginUsage.jobScripts(casc)

		assertThat(scripts).hasSize(1)
		String script = scripts.first().replaceAll(/\$\{([A-Za-z0-9_-]+)\}/, 'placeholder-$1')
		CompilationUnit unit = new CompilationUnit()
		unit.addSource('jobs.groovy', script)
		unit.compile(Phases.CONVERSION)
		assertThat(script).contains("multibranchPipelineJob('tour-booking')").contains("scriptPath('Jenkinsfile')")
			.contains("credentialsId('github-token')")
	}

}
