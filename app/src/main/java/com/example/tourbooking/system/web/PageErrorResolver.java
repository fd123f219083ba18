package com.example.tourbooking.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.example.tourbooking.system.ApiException;
import com.example.tourbooking.system.KnownFailures;
import com.example.tourbooking.system.PageController;

/**
 * Turns a failure on a page into a friendly page (or, for the site's script, a message
 * fragment) with the status the API would answer: 404, 403, 409 sold out, 500. The text
 * comes from the message bundles ({@code problem.<TYPE>}), never from the exception, so
 * nothing internal leaks and every language gets its own words. Requests to the API fall
 * through to its problem-JSON handler.
 */
class PageErrorResolver implements HandlerExceptionResolver, Ordered {

	private static final Logger log = LoggerFactory.getLogger(PageErrorResolver.class);

	private static final PathPattern[] API = java.util.Arrays.stream(SitePaths.API)
		.map(PathPatternParser.defaultInstance::parse)
		.toArray(PathPattern[]::new);

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!isPage(request, handler)) {
			return null;
		}
		int status;
		String messageKey;
		KnownFailures.Failure known = KnownFailures.classify(ex).orElse(null);
		if (ex instanceof ApiException problem) {
			status = problem.type().status().value();
			messageKey = "problem." + problem.type().name();
		}
		else if (ex instanceof ErrorResponse error) {
			status = error.getStatusCode().value();
			messageKey = "error." + status;
		}
		else if (ex instanceof TypeMismatchException || ex instanceof BindException
				|| ex instanceof MissingServletRequestParameterException) {
			status = HttpServletResponse.SC_BAD_REQUEST;
			messageKey = "error.400";
		}
		else if (known != null) {
			// Undecodable parameters, limits, the database away: what the API answers
			// too.
			status = known.type().status().value();
			messageKey = "error." + status;
			if (known.retryAfter() != null) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(known.retryAfter().toSeconds()));
			}
		}
		else {
			log.error("Unexpected failure on page {}", request.getRequestURI(), ex);
			status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
			messageKey = "error.500";
		}
		response.setStatus(status);
		ModelAndView page = new ModelAndView(isFragmentRequest(request) ? "fragments/problem :: problem" : "error");
		page.addObject("status", status);
		page.addObject("messageKey", messageKey);
		return page;
	}

	@Override
	public int getOrder() {
		// Before Spring MVC's own resolvers, which include the API's problem handler.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	static boolean isFragmentRequest(HttpServletRequest request) {
		return "fetch".equals(request.getHeader(SitePaths.FRAGMENT_HEADER));
	}

	private static boolean isPage(HttpServletRequest request, @Nullable Object handler) {
		if (handler instanceof HandlerMethod method) {
			return method.getBeanType().isAnnotationPresent(PageController.class);
		}
		PathContainer path = PathContainer
			.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
		for (PathPattern api : API) {
			if (api.matches(path)) {
				return false;
			}
		}
		return true;
	}

}
