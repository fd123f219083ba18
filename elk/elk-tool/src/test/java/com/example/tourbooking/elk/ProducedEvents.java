package com.example.tourbooking.elk;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.example.tourbooking.system.BusinessEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.logstash.logback.marker.Markers;
import org.slf4j.Marker;

/**
 * Everything the producers send in one hour of the service's life, routed as the Logstash
 * pipelines route it: the captured output of the real producers in elk/samples/captured/
 * (Ansible deploy role, Jenkins stage events, the Jenkins Logstash plugin's payload, the
 * gate's result events), whatever files are there, plus the application's traffic logged
 * through its real encoder ({@link AppEncoder}). Captured timestamps are placeholders or
 * from the day of the capture: each file is moved into the last hour (its events keep
 * their order, one minute apart unless their own spacing fits), and nothing else in them
 * is changed.
 */
final class ProducedEvents {

	static final Path CAPTURED = Path.of(SharedNode.ELK, "samples", "captured");

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Which pipeline receives each producer's file, and where in the hour it lands. */
	private static final Map<String, Placement> PLACEMENTS = Map.of("jenkins-plugin-failure",
			new Placement("jenkins.conf", LogstashRouting.Input.JSON_LINES, 55), "jenkins-plugin-success",
			new Placement("jenkins.conf", LogstashRouting.Input.JSON_LINES, 45), "jenkins-stage-events",
			new Placement("jenkins.conf", LogstashRouting.Input.HTTP, 40), "ansible-deploy-events",
			new Placement("deploy.conf", LogstashRouting.Input.HTTP, 30), "gate-events",
			new Placement("deploy.conf", LogstashRouting.Input.HTTP, 22));

	private final Instant now;

	private final List<LogstashRouting.Routed> routed = new ArrayList<>();

	private final Map<String, List<JsonNode>> captured = new LinkedHashMap<>();

	private Deploy deploy;

	ProducedEvents(Instant now) {
		this.now = now.truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * Reads and routes every captured file, then logs the service's traffic around the
	 * deploy.
	 */
	ProducedEvents produce() throws Exception {
		for (Path file : capturedFiles()) {
			String name = file.getFileName().toString().replaceFirst("\\.(ndjson|json)$", "");
			Placement placement = PLACEMENTS.get(name);
			if (placement == null) {
				throw new IllegalStateException(file + " is a captured producer file this test does not know: add it "
						+ "to ProducedEvents.PLACEMENTS with the pipeline that receives it");
			}
			LogstashRouting routing = LogstashRouting.read(pipeline(placement.pipeline()), placement.input());
			List<ObjectNode> events = moveIntoTheHour(read(file),
					this.now.minus(placement.minutesAgo(), ChronoUnit.MINUTES));
			this.captured.put(name, List.copyOf(events));
			for (ObjectNode event : events) {
				this.routed.add(routing.route(event));
			}
		}
		this.deploy = Deploy.from(this.captured.getOrDefault("ansible-deploy-events", List.of()),
				this.now.minus(30, ChronoUnit.MINUTES));
		LogstashRouting app = LogstashRouting.read(pipeline("app.conf"), LogstashRouting.Input.JSON_LINES);
		for (String line : traffic()) {
			this.routed.add(app.route((ObjectNode) JSON.readTree(line)));
		}
		return this;
	}

	List<LogstashRouting.Routed> routed() {
		return this.routed;
	}

	/**
	 * The captured events of one producer file (name without extension), as indexed
	 * before routing.
	 */
	List<JsonNode> captured(String name) {
		return this.captured.getOrDefault(name, List.of());
	}

	Deploy deploy() {
		return this.deploy;
	}

	/** The version the captured deploy rolled out, when, and the one it replaced. */
	record Deploy(String version, String previousVersion, Instant at) {

		static Deploy from(List<JsonNode> deployEvents, Instant fallback) {
			JsonNode succeeded = null;
			String earlier = null;
			for (JsonNode event : deployEvents) {
				if ("deploy-succeeded".equals(field(event, "event.action"))) {
					if (succeeded != null) {
						earlier = field(succeeded, "service.version");
					}
					succeeded = event;
				}
			}
			if (succeeded == null) {
				return new Deploy("no-deploy-captured", "no-deploy-captured", fallback);
			}
			String previous = field(succeeded, "service.previous_version");
			String version = field(succeeded, "service.version");
			return new Deploy(version,
					(previous != null) ? previous : ((earlier != null) ? earlier : version + "-previous"),
					Instant.parse(succeeded.path("@timestamp").asText()));
		}

	}

	/** A field by dotted path, nested or with dotted keys; null when absent. */
	static String field(JsonNode event, String path) {
		List<JsonNode> values = PanelModel.flatten(event).get(path);
		return (values == null || values.isEmpty()) ? null : values.get(0).asText();
	}

	private static List<Path> capturedFiles() throws IOException {
		if (!Files.isDirectory(CAPTURED)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(CAPTURED)) {
			return files.filter((f) -> f.toString().endsWith(".ndjson") || f.toString().endsWith(".json"))
				.sorted()
				.toList();
		}
	}

	private static Path pipeline(String name) {
		return Path.of(SharedNode.ELK, "logstash", "pipeline", name);
	}

	private static List<ObjectNode> read(Path file) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		List<ObjectNode> events = new ArrayList<>();
		if (file.toString().endsWith(".json")) {
			JsonNode node = JSON.readTree(text);
			(node.isArray() ? node : JSON.createArrayNode().add(node)).forEach((e) -> events.add((ObjectNode) e));
		}
		else {
			for (String line : text.split("\n")) {
				if (!line.isBlank()) {
					events.add((ObjectNode) JSON.readTree(line));
				}
			}
		}
		return events;
	}

	/**
	 * Moves a file's events so the last one is at {@code end}: their own spacing when
	 * their timestamps parse and span less than 20 minutes, else one minute apart in file
	 * order.
	 */
	private static List<ObjectNode> moveIntoTheHour(List<ObjectNode> events, Instant end) {
		List<Instant> own = new ArrayList<>();
		for (ObjectNode event : events) {
			try {
				own.add(Instant.parse(event.path("@timestamp").asText()));
			}
			catch (DateTimeParseException ex) {
				own.add(null);
			}
		}
		boolean keepSpacing = !own.isEmpty() && own.stream().allMatch(java.util.Objects::nonNull)
				&& own.stream().distinct().count() == own.size()
				&& ChronoUnit.MINUTES.between(own.get(0), own.get(own.size() - 1)) < 20;
		List<ObjectNode> moved = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			ObjectNode event = events.get(i).deepCopy();
			Instant at = keepSpacing ? end.minus(java.time.Duration.between(own.get(i), own.get(own.size() - 1)))
					: end.minus(events.size() - 1 - i, ChronoUnit.MINUTES);
			event.put("@timestamp", at.toString());
			fillPlaceholders(event);
			moved.add(event);
		}
		return moved;
	}

	/**
	 * Gives the other volatile values that the producers' tests replaced by placeholders
	 * (elk/samples/captured/README.md) a value of their type: {@code <digest>} and
	 * {@code <digest-N>} become 64 hex digits, {@code <commit>} the commit the Jenkins
	 * samples built, {@code <registry>} a registry host, and a whole {@code <...>} value
	 * of a {@code *duration*} field a number of milliseconds.
	 */
	private static void fillPlaceholders(ObjectNode object) {
		List<String> names = new ArrayList<>();
		object.fieldNames().forEachRemaining(names::add);
		for (String name : names) {
			JsonNode value = object.get(name);
			if (value instanceof ObjectNode child) {
				fillPlaceholders(child);
			}
			else if (value.isTextual() && value.asText().matches("<[A-Za-z_.-]+>") && name.contains("duration")) {
				object.put(name, 1000L * (5 + Math.floorMod(value.asText().hashCode(), 120)));
			}
			else if (value.isTextual() && value.asText().contains("<")) {
				object.put(name, fill(value.asText()));
			}
		}
	}

	private static String fill(String text) {
		Matcher placeholder = Pattern.compile("<(digest(?:-(\\d+))?|commit|registry)>").matcher(text);
		StringBuilder filled = new StringBuilder();
		while (placeholder.find()) {
			String value = switch (placeholder.group(1).replaceAll("-.*", "")) {
				case "digest" -> String.format("%064x",
						0xd1_9e57L * Integer.parseInt((placeholder.group(2) != null) ? placeholder.group(2) : "1"));
				case "commit" -> "0123456789abcdef0123456789abcdef01234567";
				default -> "registry.example.org";
			};
			placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
		}
		placeholder.appendTail(filled);
		return filled.toString();
	}

	/**
	 * One hour of the service, logged through the real encoder with the times it
	 * happened: requests every minute, bookings, and, before the deploy, the previous
	 * version's 5xx answers and the errors behind them (the deploy fixed them, so the
	 * gate passes).
	 */
	private List<String> traffic() throws Exception {
		AppEncoder before = new AppEncoder(this.deploy.previousVersion());
		AppEncoder after = new AppEncoder(this.deploy.version());
		Random random = new Random(12);
		String[][] routes = { { "GET", "/api/tours" }, { "GET", "/api/tours/{id}" },
				{ "POST", "/api/tours/{id}/reservations" }, { "GET", "/api/reservations/{id}" } };
		long[] slowness = { 20, 8, 120, 15 };
		String[] tours = { "Alps", "Rome", "Lisbon" };
		int reservations = 0;
		try {
			for (int minute = 59; minute >= 1; minute--) {
				Instant start = this.now.minus(minute, ChronoUnit.MINUTES);
				boolean deployed = !start.isBefore(this.deploy.at());
				Logger log = (Logger) (deployed ? after : before).logger(ProducedEvents.class);
				int requests = 2 + random.nextInt(5);
				for (int r = 0; r < requests; r++) {
					Instant at = start.plusMillis(random.nextInt(59_000));
					int route = random.nextInt(routes.length);
					int status = status(route, deployed, random);
					long millis = slowness[route] + random.nextInt((int) slowness[route]);
					access(log, at, routes[route][0], routes[route][1], status, millis);
					if (status >= 500) {
						log(log, at, Level.ERROR, null, "Unexpected failure", (route == 2)
								? new IllegalStateException("seat count went negative")
								: new java.io.UncheckedIOException(new java.io.IOException("connection reset")));
					}
					// the fields and values of the service's ReservationEvents
					if (route == 2 && status == 201) {
						int tour = random.nextInt(tours.length);
						int seats = 1 + random.nextInt(4);
						reservations++;
						log(log, at, Level.INFO,
								BusinessEvents.event("reservation-confirmed", "success", "reservation.id",
										Integer.toString(reservations), "tour.id", Integer.toString(tour + 1),
										"tour.title", tours[tour], "departure.id", Integer.toString(tour + 10),
										"reservation.headcount", seats, "reservation.total_price",
										BigDecimal.valueOf(95L * (tour + 1) * seats, 0).setScale(2),
										"reservation.currency", "EUR"),
								"Reservation " + reservations + " confirmed", null);
					}
					if (route == 2 && status == 409) {
						log(log, at, Level.INFO,
								BusinessEvents.event("reservation-refused", "failure", "event.reason", "sold-out",
										"tour.id", "2", "tour.title", tours[1], "departure.id", "11",
										"reservation.headcount", 2),
								"Reservation refused", null);
					}
					if (route == 3 && reservations > 0 && random.nextInt(4) == 0) {
						log(log, at, Level.INFO,
								BusinessEvents.event("reservation-cancelled", "success", "reservation.id",
										Integer.toString(reservations), "tour.id", "1", "departure.id", "10",
										"reservation.headcount", 1, "reservation.total_price", new BigDecimal("95.00"),
										"reservation.currency", "EUR"),
								"Reservation " + reservations + " cancelled", null);
					}
				}
			}
			List<String> lines = new ArrayList<>(before.lines());
			lines.addAll(after.lines());
			return lines;
		}
		finally {
			before.stop();
			after.stop();
		}
	}

	private static int status(int route, boolean deployed, Random random) {
		int roll = random.nextInt(20);
		if (!deployed && roll == 0) {
			return 500;
		}
		return switch (route) {
			case 1 -> (roll < 3) ? 404 : 200;
			case 2 -> (roll < 4) ? 409 : 201;
			default -> 200;
		};
	}

	private static void access(Logger log, Instant at, String method, String route, int status, long millis) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("event.kind", "event");
		fields.put("event.category", "web");
		fields.put("event.action", "http-request");
		fields.put("event.outcome", (status < 400) ? "success" : "failure");
		fields.put("http.request.method", method);
		fields.put("http.route", route);
		fields.put("http.response.status_code", status);
		fields.put("http.response.body.bytes", 100L + millis);
		fields.put("event.duration_ms", millis);
		log(log, at, Level.INFO, Markers.appendEntries(fields),
				method + " " + route + " " + status + " " + millis + " ms", null);
	}

	/**
	 * Logs one event with the time it happened (what the encoder writes as @timestamp).
	 */
	private static void log(Logger log, Instant at, Level level, Marker marker, String message, Throwable error) {
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), log, level, message, error, null);
		event.setInstant(at);
		if (marker != null) {
			event.addMarker(marker);
		}
		log.callAppenders(event);
	}

	private record Placement(String pipeline, LogstashRouting.Input input, int minutesAgo) {
	}

}
