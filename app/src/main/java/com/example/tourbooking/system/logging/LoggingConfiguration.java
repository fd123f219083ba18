package com.example.tourbooking.system.logging;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires the request context of every log event (request id, user id, trace ids from
 * Micrometer tracing), the access events, and the view on Logstash shipping: metrics, a
 * health indicator and a periodic report on stdout.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoggingProperties.class)
class LoggingConfiguration {

	/**
	 * Right inside the tracing observation filter, so every event of a request, the
	 * access event included, carries the trace ids.
	 */
	static final int REQUEST_LOGGING_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/** Right after Spring Security has authenticated the caller. */
	static final int USER_CONTEXT_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1;

	@Bean
	FilterRegistrationBean<RequestLoggingFilter> requestLoggingFilter(LoggingProperties properties) {
		FilterRegistrationBean<RequestLoggingFilter> registration = new FilterRegistrationBean<>(
				new RequestLoggingFilter(properties.access().excludedPaths()));
		registration.setOrder(REQUEST_LOGGING_ORDER);
		return registration;
	}

	@Bean
	FilterRegistrationBean<UserContextFilter> userContextFilter() {
		FilterRegistrationBean<UserContextFilter> registration = new FilterRegistrationBean<>(new UserContextFilter());
		registration.setOrder(USER_CONTEXT_ORDER);
		return registration;
	}

	@Bean
	LogstashShippingMetrics logstashShippingMetrics() {
		return new LogstashShippingMetrics(LogstashShippingAppender::current);
	}

	@Bean("logstash")
	LogstashHealthIndicator logstashHealthIndicator() {
		return new LogstashHealthIndicator(LogstashShippingAppender::current);
	}

	@Bean
	ShippingReport shippingReport(LoggingProperties properties) {
		return new ShippingReport(LogstashShippingAppender::current, properties.logstash().reportInterval());
	}

}
