package com.example.tourbooking.system;

import java.util.List;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * One problem format for every error, whoever raises it (Tomcat, the firewall,
 * {@code /error}), and the bounds on what one request may cost.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitsProperties.class)
class ServerHardeningConfiguration {

	/** Before request logging, so a refused body is logged with its status. */
	static final int REQUEST_LIMITS_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	@Bean
	FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(RequestLimitsProperties limits,
			ProblemWriter problems) {
		FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(
				new RequestLimitsFilter(limits, problems));
		registration.setOrder(REQUEST_LIMITS_ORDER);
		return registration;
	}

	@Bean
	ProblemErrorController problemErrorController(ErrorAttributes errorAttributes, WebProperties web,
			ObjectProvider<ErrorViewResolver> errorViewResolvers) {
		return new ProblemErrorController(errorAttributes, web.getError(), errorViewResolvers.orderedStream().toList());
	}

	@Bean
	RequestRejectedHandler problemRequestRejectedHandler(ProblemWriter problems) {
		// Spring Security's StrictHttpFirewall refuses encoded slashes, "..", ";" and
		// control characters; the default handler answers 400 through /error.
		return (request, response, rejected) -> problems.write(response,
				ProblemDetails.of(ProblemType.REJECTED_REQUEST,
						"The request URL or headers contain characters this service refuses "
								+ "(encoded slashes, '..', ';', control characters)."),
				null);
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
		return new ProblemValveCustomizer();
	}

	/**
	 * Runs after Spring Boot's own Tomcat customizer (order 0), whose error report valve
	 * it replaces.
	 */
	static final class ProblemValveCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				Container host = context.getParent();
				for (Valve valve : List.of(host.getPipeline().getValves())) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				host.getPipeline().addValve(new ProblemErrorReportValve());
				if (host instanceof StandardHost standardHost) {
					// Else the host adds Tomcat's HTML valve again when it starts.
					standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		}

		@Override
		public int getOrder() {
			return 1;
		}

	}

}
