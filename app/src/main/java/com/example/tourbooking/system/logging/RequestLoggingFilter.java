package com.example.tourbooking.system.logging;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Gives every request an id and logs one access event when it ends. The id comes from the
 * caller's {@code X-Request-Id} when it is a sane token, or is generated; it is echoed in
 * the response and put in the MDC so every event of the request carries it. The access
 * event names the route template ({@code /api/tours/{id}}), never the raw path, so ids
 * and query strings stay out of it.
 */
class RequestLoggingFilter extends OncePerRequestFilter {

	static final String REQUEST_ID_HEADER = "X-Request-Id";

	static final String REQUEST_ID_MDC = "http.request.id";

	/** Route of requests no handler matched (e.g. refused by security first). */
	static final String UNMATCHED_ROUTE = "UNMATCHED";

	private static final Logger log = LoggerFactory.getLogger(RequestLoggingFilter.class);

	/** Letters, digits and a few separators: nothing that could forge a log line. */
	private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final List<PathPattern> excludedPaths;

	RequestLoggingFilter(List<String> excludedPaths) {
		this.excludedPaths = excludedPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		PathContainer path = PathContainer
			.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
		return this.excludedPaths.stream().anyMatch((pattern) -> pattern.matches(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		String requestId = requestId(request.getHeader(REQUEST_ID_HEADER));
		response.setHeader(REQUEST_ID_HEADER, requestId);
		MDC.put(REQUEST_ID_MDC, requestId);
		ByteCountingResponse counted = new ByteCountingResponse(response);
		int failedStatus = 0;
		try {
			chain.doFilter(request, counted);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			failedStatus = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
			throw ex;
		}
		finally {
			try {
				logAccess(request, (failedStatus != 0) ? failedStatus : counted.getStatus(), counted.bytesWritten(),
						System.nanoTime() - start);
			}
			finally {
				MDC.remove(REQUEST_ID_MDC);
				MDC.remove(UserContextFilter.USER_ID_MDC);
			}
		}
	}

	private void logAccess(HttpServletRequest request, int status, long bytes, long nanos) {
		if (!log.isInfoEnabled()) {
			return;
		}
		if (request.getAttribute(UserContextFilter.USER_ID_ATTRIBUTE) instanceof String userId) {
			MDC.put(UserContextFilter.USER_ID_MDC, userId);
		}
		String route = route(request);
		long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("event.kind", "event");
		fields.put("event.category", "web");
		fields.put("event.action", "http-request");
		fields.put("event.outcome", (status < 400) ? "success" : "failure");
		fields.put("http.request.method", request.getMethod());
		fields.put("http.route", route);
		fields.put("http.response.status_code", status);
		fields.put("http.response.body.bytes", bytes);
		fields.put("event.duration_ms", millis);
		log.info(Markers.appendEntries(fields), "{} {} {} {} ms", request.getMethod(), route, status, millis);
	}

	static String requestId(String header) {
		return (header != null && SANE_REQUEST_ID.matcher(header).matches()) ? header : randomId();
	}

	/**
	 * A random version 4 UUID from the thread's own generator: a request id needs to be
	 * unique, not unguessable, and {@code UUID.randomUUID()} makes every request queue on
	 * one shared {@code SecureRandom}.
	 */
	static String randomId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

	private static String route(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return (pattern != null) ? pattern.toString() : UNMATCHED_ROUTE;
	}

}
