package com.example.tourbooking.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@link ProblemType}. Client
 * mistakes keep their (client-safe) detail; anything unexpected is logged with its stack
 * trace and answered with a generic detail, so internals never leak.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
		if (ex instanceof TooManyRequestsException throttled) {
			return problem(ex.type(), ex.getMessage(), throttled.retryAfter());
		}
		return problem(ex.type(), ex.getMessage());
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> handleDataIntegrityViolation(DataIntegrityViolationException ex) {
		// Services check what they can first; reaching this means a race lost against a
		// constraint.
		log.warn("Request refused by a database constraint: {}", ex.getMostSpecificCause().getClass().getName());
		return problem(ProblemType.CONFLICT, "The request conflicts with the current data; reload and retry.");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		Optional<KnownFailures.Failure> known = KnownFailures.classify(ex);
		if (known.isPresent()) {
			return known(ex, known.get());
		}
		log.error("Unexpected failure", ex);
		return problem(ProblemType.INTERNAL, "The request could not be processed; it has been logged.");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetails.of(ProblemType.VALIDATION, "The request has invalid fields.");
		body.setProperty("errors", fieldErrors(ex.getBindingResult().getFieldErrors()));
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetails.of(ProblemType.VALIDATION, "The request has invalid parameters.");
		List<Map<String, String>> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
						"message", String.valueOf(error.getDefaultMessage()))))
			.toList();
		body.setProperty("errors", errors);
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Optional<KnownFailures.Failure> known = KnownFailures.classify(ex);
		if (known.isPresent()) {
			return handleExceptionInternal(ex, known.get().problem(), headers,
					HttpStatusCode.valueOf(known.get().type().status().value()), request);
		}
		return handleExceptionInternal(ex,
				ProblemDetails.of(ProblemType.MALFORMED_REQUEST,
						"The request body is not valid JSON or has a value of the wrong type."),
				headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		// Spring MVC's own problems (404, 405, 415, type mismatches...) get our stable
		// types too.
		Object problemBody = (body == null && ex instanceof ErrorResponse response) ? response.getBody() : body;
		if (problemBody instanceof ProblemDetail problem) {
			if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
				ProblemType type = ProblemType.forStatus(statusCode.value());
				problem.setType(type.uri());
				problem.setTitle(type.title());
			}
			HttpHeaders problemHeaders = new HttpHeaders();
			problemHeaders.putAll(headers);
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return super.handleExceptionInternal(ex, problem, problemHeaders, statusCode, request);
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private static List<Map<String, String>> fieldErrors(List<FieldError> errors) {
		return errors.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
	}

	private static ResponseEntity<ProblemDetail> known(Exception ex, KnownFailures.Failure failure) {
		if (failure.type().status().is5xxServerError()) {
			log.warn("Request failed: {} ({})", failure.detail(), ex.getClass().getName());
		}
		return problem(failure.type(), failure.detail(), failure.retryAfter());
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemType type, String detail) {
		return problem(type, detail, null);
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemType type, String detail, Duration retryAfter) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(type.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		}
		return response.body(ProblemDetails.of(type, detail));
	}

}
