package com.example.tourbooking.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * {@code /error} for API clients: what a filter threw or the container reported (the
 * firewall's rejections, a database that went away during authentication) comes back as
 * the same problem body as every controller error. Browsers asking for HTML still get
 * Spring Boot's error views ({@link BasicErrorController#errorHtml}), which the web pages
 * customise.
 */
class ProblemErrorController extends BasicErrorController {

	ProblemErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
			List<ErrorViewResolver> errorViewResolvers) {
		super(errorAttributes, errorProperties, errorViewResolvers);
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		// Called directly rather than forwarded to by the container: nothing failed.
		HttpStatus status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) != null) ? getStatus(request)
				: HttpStatus.NOT_FOUND;
		Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		Optional<KnownFailures.Failure> known = (thrown instanceof Throwable throwable)
				? KnownFailures.classify(throwable) : Optional.empty();
		ProblemDetail problem;
		HttpHeaders headers = new HttpHeaders();
		if (known.isPresent()) {
			problem = known.get().problem();
			if (known.get().retryAfter() != null) {
				headers.set(HttpHeaders.RETRY_AFTER, Long.toString(known.get().retryAfter().toSeconds()));
			}
		}
		else {
			ProblemType type = ProblemType.forStatus(status.value());
			problem = ProblemDetails.of(type, (status.is5xxServerError())
					? "The request could not be processed; it has been logged." : status.getReasonPhrase() + ".");
			problem.setStatus(status.value());
		}
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(asMap(problem), headers, problem.getStatus());
	}

	private static Map<String, Object> asMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		return body;
	}

}
