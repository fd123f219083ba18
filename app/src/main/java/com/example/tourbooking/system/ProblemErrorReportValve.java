package com.example.tourbooking.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Answers the errors Tomcat raises itself, before any servlet runs (a request line or
 * header it cannot parse, headers over {@code server.max-http-request-header-size}), with
 * the API's problem body instead of Tomcat's HTML page. Replaces the
 * {@link ErrorReportValve} that Spring Boot adds to the host
 * ({@code TomcatWebServerFactoryCustomizer#customizeErrorReportValve}, Boot 4.0); the
 * conditions for writing a report are those of Tomcat 11.0's {@code ErrorReportValve}.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	ProblemErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		ProblemType type = (status == HttpStatus.BAD_REQUEST.value()) ? ProblemType.MALFORMED_REQUEST
				: ProblemType.forStatus(status);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type.uri().toString());
		problem.put("title", type.title());
		problem.put("status", status);
		problem.put("detail", detail(status));
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			OutputStream out = response.getOutputStream();
			out.write(JSON.writeValueAsBytes(problem));
			out.flush();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot take a body: nothing more to say.
		}
	}

	private static String detail(int status) {
		if (status == HttpStatus.BAD_REQUEST.value()) {
			return "The request could not be parsed: check the request line, headers (at most "
					+ "the configured size) and their encoding.";
		}
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() + "." : "The request failed.";
	}

}
