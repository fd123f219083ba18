package com.example.tourbooking.system;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses an API request whose {@code Accept} header rules out JSON before the handler
 * runs. Spring MVC negotiates the response type only after the handler returned, so a
 * change answered 406 would already be committed (found by the HTTP fuzzer: a tour update
 * with {@code Accept: garbage}).
 */
@Configuration(proxyBeanMethods = false)
class AcceptHeaderCheck implements WebMvcConfigurer, HandlerInterceptor {

	private static final List<MediaType> PRODUCED = List.of(MediaType.APPLICATION_JSON,
			MediaType.APPLICATION_PROBLEM_JSON);

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws HttpMediaTypeNotAcceptableException {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null || accept.isBlank()) {
			return true;
		}
		List<MediaType> acceptable;
		try {
			acceptable = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			throw new HttpMediaTypeNotAcceptableException("Could not parse the Accept header.");
		}
		boolean json = acceptable.stream().anyMatch((type) -> PRODUCED.stream().anyMatch(type::isCompatibleWith));
		if (!json) {
			throw new HttpMediaTypeNotAcceptableException(PRODUCED);
		}
		return true;
	}

}
