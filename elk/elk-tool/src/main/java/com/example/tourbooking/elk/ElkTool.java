package com.example.tourbooking.elk;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Entry point of the ELK tool. Every failure ends with a readable message and a non-zero
 * exit status: 1 when the answer is "no" (gate failed, check found problems), 2 for a
 * usage mistake, 3 when Elasticsearch, Kibana or the assets could not be used.
 */
public final class ElkTool {

	static final String USAGE = """
			usage: elk-tool COMMAND [--option value]...

			Commands:
			  setup    apply elk/elasticsearch (ILM policies, component and index templates, roles,
			           users) and import elk/kibana saved objects when a Kibana URL is given; idempotent
			  verify   count one version's events in a time window, by level
			  gate     wait for the window after a deploy, then fail (exit 1) when the version logged
			           nothing, or its error ratio or 5xx count is above the thresholds
			  mappings write elk/elasticsearch/component-templates/*-mappings.json from the field
			           contract (elk/fields.yml, elk/elasticsearch/datasets.yml)
			  check    static checks: Logstash pipeline syntax and ids, fields against the contract,
			           Kibana objects (parse, references, fields), templates against the contract

			Common options (environment variable in brackets):
			  --assets DIR            the repository's elk/ folder [ELK_ASSETS] (default: elk)
			  --es-url URL            Elasticsearch, e.g. https://es.example.org:9200 [ES_URL]
			                          credentials: [ES_API_KEY] or [ES_USERNAME] and [ES_PASSWORD]
			  --ca-cert FILE          PEM CA of the cluster's certificate [ES_CA_CERT] (default: JVM's)
			setup:
			  --kibana-url URL        Kibana [KIBANA_URL]; unset: saved objects are not imported
			                          credentials: [KIBANA_USERNAME] and [KIBANA_PASSWORD]
			  --retention AGE         days logs are kept, e.g. 30d [ELK_RETENTION] (default: the policy's)
			  --replicas N            index.number_of_replicas of every data stream [ELK_REPLICAS]
			                          (default: the template's 1; 0 on a single node)
			  --core-only             the cluster has no x-pack and no modules (the embedded test node):
			                          skip ILM, roles, users; map module field types to core types
			                          user passwords on creation: [LOGSTASH_WRITER_PASSWORD],
			                          [KIBANA_READER_PASSWORD]
			verify and gate:
			  --service NAME          service.name [SERVICE_NAME] (default: tour-booking)
			  --service-version V     service.version to judge [APP_VERSION] (required)
			  --environment ENV       data stream namespace [APP_ENVIRONMENT] (default: local)
			verify:
			  --since DURATION        window ending now, ISO-8601 [VERIFY_SINCE] (default: PT15M)
			gate:
			  --deployed-at INSTANT   start of the window [DEPLOYED_AT] (default: now)
			  --window DURATION       how long to watch [GATE_WINDOW] (default: PT5M)
			  --max-error-ratio R     ERROR events / all events [GATE_MAX_ERROR_RATIO] (default: 0.05)
			  --max-5xx N             access events with status 5xx [GATE_MAX_5XX] (default: 0)
			  --min-events N          fewer is a silent pipeline [GATE_MIN_EVENTS] (default: 1)
			  --event-url URL         Logstash deploy http input; the verdict is sent there as a
			                          gate-passed / gate-failed event [DEPLOY_EVENT_URL] (unset: not sent)
			                          basic auth user deploy, token [DEPLOY_EVENT_TOKEN]
			  --event-ca-cert FILE    PEM CA of that input's certificate [DEPLOY_EVENT_CA_CERT]
			  --image-name, --image-digest, --git-commit, --build-number
			                          what the event says was deployed [IMAGE_NAME] [IMAGE_DIGEST]
			                          [GIT_COMMIT] [BUILD_NUMBER]; sending is skipped when one is unset
			""";

	private ElkTool() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System::getenv, System.out, System.err));
	}

	static int run(String[] args, UnaryOperator<String> environment, PrintStream out, PrintStream err) {
		try {
			CommandLine command = CommandLine.parse(args, environment);
			if (command.flag("help")) {
				out.print(USAGE);
				return 0;
			}
			return switch (command.command()) {
				case "help", "--help", "-h" -> {
					out.print(USAGE);
					yield 0;
				}
				case "setup" -> setup(command, out);
				case "verify" -> verify(command, out);
				case "gate" -> gate(command, out);
				case "check" -> check(command, out);
				case "mappings" -> {
					ContractMappings.write(assets(command), out);
					yield 0;
				}
				default -> throw new CommandLine.UsageException("unknown command '" + command.command() + "'");
			};
		}
		catch (CommandLine.UsageException ex) {
			err.println("elk-tool: " + ex.getMessage());
			err.println("Run 'elk-tool --help' for the commands and options.");
			return 2;
		}
		catch (IOException | RuntimeException ex) {
			err.println("elk-tool: " + describe(ex));
			err.println("Check the URL and credentials (ES_URL, KIBANA_URL, ...) and that the service answers.");
			return 3;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("elk-tool: interrupted");
			return 3;
		}
	}

	private static int setup(CommandLine command, PrintStream out) throws IOException, InterruptedException {
		Path assets = assets(command);
		ElasticsearchSetup.Options options = new ElasticsearchSetup.Options(
				command.option("retention", "ELK_RETENTION", null), replicas(command), command.flag("core-only"),
				command.environment());
		try (ElasticsearchConnection connection = connect(command)) {
			out.println("elasticsearch: applying " + assets.resolve("elasticsearch"));
			new ElasticsearchSetup(connection, assets, options, out).apply();
		}
		String kibana = command.option("kibana-url", "KIBANA_URL", null);
		if (kibana == null) {
			out.println("kibana: skipped, KIBANA_URL is not set (saved objects not imported)");
		}
		else {
			new KibanaImport(URI.create(kibana), command.option("kibana-username", "KIBANA_USERNAME", null),
					command.option("kibana-password", "KIBANA_PASSWORD", null), out)
				.importObjects(assets);
		}
		return 0;
	}

	private static Integer replicas(CommandLine command) {
		String replicas = command.option("replicas", "ELK_REPLICAS", null);
		if (replicas == null) {
			return null;
		}
		if (!replicas.matches("\\d{1,2}")) {
			throw new CommandLine.UsageException(
					"--replicas must be a small whole number (0 on one node), not '" + replicas + "'");
		}
		return Integer.valueOf(replicas);
	}

	private static int verify(CommandLine command, PrintStream out) throws IOException {
		Instant to = Instant.now();
		Instant from = to.minus(command.duration("since", "VERIFY_SINCE", "PT15M"));
		VersionEvents events = events(command, from, to);
		printEvidence(command, events, from, to, out);
		return 0;
	}

	private static int gate(CommandLine command, PrintStream out) throws IOException, InterruptedException {
		Instant deployedAt = command.instant("deployed-at", "DEPLOYED_AT", Instant.now());
		Duration window = command.duration("window", "GATE_WINDOW", "PT5M");
		DeployGate gate = new DeployGate((long) command.decimal("min-events", "GATE_MIN_EVENTS", "1"),
				command.decimal("max-error-ratio", "GATE_MAX_ERROR_RATIO", "0.05"),
				(long) command.decimal("max-5xx", "GATE_MAX_5XX", "0"));
		Instant end = deployedAt.plus(window);
		Duration wait = Duration.between(Instant.now(), end);
		if (!wait.isNegative() && !wait.isZero()) {
			out.printf("gate: watching %s until %s (%d s)%n", command.required("service-version", "APP_VERSION"), end,
					wait.toSeconds());
			Thread.sleep(wait.toMillis());
		}
		VersionEvents events = events(command, deployedAt, end);
		printEvidence(command, events, deployedAt, end, out);
		DeployGate.Verdict verdict = gate.judge(events);
		verdict.reasons().forEach((reason) -> out.println("gate: " + reason));
		if (events.total() == 0) {
			explainSilence(command, deployedAt, end, out);
		}
		out.println(verdict.passed() ? "gate: PASSED" : "gate: FAILED, roll back");
		sendGateEvent(command, verdict, Duration.between(deployedAt, end), out);
		return verdict.passed() ? 0 : 1;
	}

	/**
	 * Nothing of the version arrived: say whether ES_URL receives anything from this
	 * environment at all (if not, it is probably not the Elasticsearch the pods' Logstash
	 * writes to) and whether the deploy's own events are there.
	 */
	private static void explainSilence(CommandLine command, Instant from, Instant to, PrintStream out)
			throws IOException {
		String environment = command.option("environment", "APP_ENVIRONMENT", "local");
		String version = command.required("service-version", "APP_VERSION");
		String esUrl = URI.create(command.required("es-url", "ES_URL")).resolve("/").toString();
		String window = "{\"range\":{\"@timestamp\":{\"gte\":\"" + from + "\",\"lt\":\"" + to + "\"}}}";
		String versionTerm = "{\"term\":{\"service.version\":" + JSON_STRING.apply(version) + "}}";
		try (ElasticsearchConnection connection = connect(command)) {
			long anyVersion = count(connection, "logs-tourbooking.app-" + environment, window);
			long deployEvents = count(connection, "logs-tourbooking.deploy-" + environment, versionTerm);
			out.printf("gate: ES_URL=%s has no event of service.version %s in logs-tourbooking.app-%s%n", esUrl,
					version, environment);
			if (anyVersion == 0) {
				out.printf("gate: and no event of any version from %s in that window: ES_URL is probably not the"
						+ " Elasticsearch the pods' Logstash writes to (pods -> LOGSTASH_DESTINATIONS -> Logstash ->"
						+ " ES_HOSTS); set ES_URL to that cluster (elk/README.md, Topology)%n", environment);
			}
			else {
				out.printf(
						"gate: but %d events of other versions arrived there: the pipeline reaches ES_URL; the"
								+ " new pods are silent or log another service.version than APP_VERSION=%s%n",
						anyVersion, version);
			}
			out.printf("gate: deploy events of %s in logs-tourbooking.deploy-%s: %d%s%n", version, environment,
					deployEvents,
					(deployEvents == 0) ? " (none: the deploy's own events did not reach ES_URL either)" : "");
		}
	}

	private static final UnaryOperator<String> JSON_STRING = (value) -> "\""
			+ value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";

	private static long count(ElasticsearchConnection connection, String index, String query) throws IOException {
		return connection
			.send("POST", "/" + index + "/_count?ignore_unavailable=true&allow_no_indices=true",
					"{\"query\":" + query + "}")
			.path("count")
			.asLong();
	}

	private static void sendGateEvent(CommandLine command, DeployGate.Verdict verdict, Duration window,
			PrintStream out) {
		String url = command.option("event-url", "DEPLOY_EVENT_URL", null);
		if (url == null) {
			out.println("gate: DEPLOY_EVENT_URL is not set: the verdict is not sent as a deploy event");
			return;
		}
		GateEvent.Deploy deploy = new GateEvent.Deploy(command.option("service", "SERVICE_NAME", "tour-booking"),
				command.required("service-version", "APP_VERSION"),
				command.option("environment", "APP_ENVIRONMENT", "local"),
				command.option("image-name", "IMAGE_NAME", null), command.option("image-digest", "IMAGE_DIGEST", null),
				command.option("git-commit", "GIT_COMMIT", null), command.option("build-number", "BUILD_NUMBER", null));
		if (!deploy.missing().isEmpty()) {
			out.println("gate: WARNING: the gate event is not sent, set " + String.join(", ", deploy.missing()));
			return;
		}
		GateEvent.of(deploy, verdict, Instant.now(), window)
			.send(URI.create(url), command.option("event-token", "DEPLOY_EVENT_TOKEN", null),
					command.option("event-ca-cert", "DEPLOY_EVENT_CA_CERT", null), out);
	}

	private static int check(CommandLine command, PrintStream out) throws IOException {
		List<String> problems = new StaticChecks(assets(command)).run(out);
		problems.forEach((problem) -> out.println("  PROBLEM " + problem));
		out.printf("check: %d problem(s)%n", problems.size());
		return problems.isEmpty() ? 0 : 1;
	}

	private static VersionEvents events(CommandLine command, Instant from, Instant to) throws IOException {
		String version = command.required("service-version", "APP_VERSION");
		String service = command.option("service", "SERVICE_NAME", "tour-booking");
		String index = "logs-tourbooking.app-" + command.option("environment", "APP_ENVIRONMENT", "local");
		try (ElasticsearchConnection connection = connect(command)) {
			return VersionEvents.query(connection.client(), index, service, version, from, to);
		}
	}

	private static void printEvidence(CommandLine command, VersionEvents events, Instant from, Instant to,
			PrintStream out) {
		out.printf("%s %s in logs-tourbooking.app-%s from %s to %s%n",
				command.option("service", "SERVICE_NAME", "tour-booking"),
				command.option("service-version", "APP_VERSION", ""),
				command.option("environment", "APP_ENVIRONMENT", "local"), from, to);
		out.printf("  events: %d%n", events.total());
		events.byLevel().forEach((level, count) -> out.printf("  %-6s %d%n", level, count));
		out.printf("  requests: %d, 5xx: %d, error ratio: %.4f%n", events.requests(), events.serverErrors(),
				events.errorRatio());
		events.topErrors().forEach((type, count) -> out.printf("  error %s x%d%n", type, count));
	}

	private static ElasticsearchConnection connect(CommandLine command) {
		return ElasticsearchConnection.open(command.required("es-url", "ES_URL"),
				command.option("api-key", "ES_API_KEY", null), command.option("username", "ES_USERNAME", null),
				command.option("password", "ES_PASSWORD", null), command.option("ca-cert", "ES_CA_CERT", null));
	}

	private static Path assets(CommandLine command) {
		Path assets = Path.of(command.option("assets", "ELK_ASSETS", "elk"));
		if (!Files.isDirectory(assets.resolve("elasticsearch"))) {
			throw new CommandLine.UsageException(
					"'" + assets + "' is not the elk/ folder (no elasticsearch/ inside): pass --assets or ELK_ASSETS");
		}
		return assets;
	}

	private static String describe(Exception ex) {
		String message = ex.getMessage();
		if (ex instanceof java.net.ConnectException || (ex.getCause() instanceof java.net.ConnectException)) {
			return "cannot connect: " + message;
		}
		return (message != null) ? message : ex.getClass().getName();
	}

}
