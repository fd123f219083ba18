package com.example.tourbooking.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * springdoc's switches ({@code springdoc.api-docs.enabled},
 * {@code springdoc.swagger-ui.enabled}; {@code API_DOCS_ENABLED} in the {@code postgres}
 * profile) honoured when the service runs AOT-processed, as the image does. springdoc
 * reads them only in its auto-configuration's conditions, which AOT decides at build time
 * with the embedded default's settings (both on): the AOT image published the API
 * description and Swagger UI with both switches off (checked with podman). Switched off
 * while springdoc's beans exist, their paths answer 404 as a path without a handler does.
 * Without AOT a switch that is off leaves springdoc without beans, and nothing is added
 * to the requests' handler chains.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsExposure implements WebMvcConfigurer {

	static final String[] API_DOCS = { "/v3/api-docs", "/v3/api-docs/**" };

	static final String[] SWAGGER_UI = { "/swagger-ui.html", "/swagger-ui/**" };

	private final boolean hideApiDocs;

	private final boolean hideSwaggerUi;

	@Autowired
	ApiDocsExposure(@Value("${springdoc.api-docs.enabled:true}") boolean apiDocs,
			@Value("${springdoc.swagger-ui.enabled:true}") boolean swaggerUi,
			ObjectProvider<SpringDocConfigProperties> apiDocsConfigured,
			ObjectProvider<SwaggerUiConfigProperties> swaggerUiConfigured) {
		this(!apiDocs && apiDocsConfigured.getIfAvailable() != null,
				!swaggerUi && swaggerUiConfigured.getIfAvailable() != null);
	}

	ApiDocsExposure(boolean hideApiDocs, boolean hideSwaggerUi) {
		this.hideApiDocs = hideApiDocs;
		this.hideSwaggerUi = hideSwaggerUi;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		if (this.hideApiDocs) {
			registry.addInterceptor(new NotPublished()).addPathPatterns(API_DOCS);
		}
		if (this.hideSwaggerUi) {
			registry.addInterceptor(new NotPublished()).addPathPatterns(SWAGGER_UI);
		}
	}

	/** Answers as if no handler were mapped. */
	static final class NotPublished implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws NoHandlerFoundException {
			throw new NoHandlerFoundException(request.getMethod(), request.getRequestURI(), new HttpHeaders());
		}

	}

}
