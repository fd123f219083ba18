package com.example.tourbooking.system.web;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

import com.example.tourbooking.system.SessionSignIns;

/**
 * Who may open which page. The pages get their own chain, ordered before the API's
 * stateless JWT chain and matching every path that is not the API: a form login backed by
 * a session (kept in the database, so any replica serves it), CSRF tokens on every form,
 * a Content Security Policy that allows no inline script, a new session id on sign-in, a
 * logout that ends the session, and the account re-read on every request (a role change
 * or a deletion applies at once).
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

	/** Scripts, styles, images and form targets only from the site itself. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
			+ "base-uri 'self'; object-src 'none'";

	/** The sign-in provider's exception for too many attempts (in the user feature). */
	private static final String THROTTLED = "com.example.tourbooking.user.PageSignIn$SignInThrottledException";

	/** The session cookie Spring Session writes (its default name). */
	static final String SESSION_COOKIE = "SESSION";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain pageSecurity(HttpSecurity http, AuthenticationProvider pageSignIn, SessionSignIns signIns)
			throws Exception {
		http.securityMatcher(new NegatedRequestMatcher(SitePaths.api()))
			.authenticationProvider(pageSignIn)
			.addFilterBefore(new CurrentAccountFilter(signIns), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.GET, "/", "/tours/*", "/reservations/quote", "/login", "/signup", "/css/**",
						"/js/**", "/favicon.svg", "/robots.txt")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/signup")
				.permitAll()
				.requestMatchers("/error", "/forbidden")
				.permitAll()
				.requestMatchers("/guide/**")
				.hasAnyRole("GUIDE", "ADMIN")
				.requestMatchers("/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.usernameParameter("email")
				.passwordParameter("password")
				.defaultSuccessUrl("/", false)
				.failureHandler(signInFailures()))
			.logout((logout) -> logout.logoutUrl("/logout")
				.logoutSuccessUrl("/?signedOut")
				.invalidateHttpSession(true)
				.clearAuthentication(true)
				.deleteCookies(SESSION_COOKIE))
			.sessionManagement((session) -> session.sessionFixation((fixation) -> fixation.changeSessionId()))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedPage("/forbidden"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny()));
		return http.build();
	}

	/** Wrong credentials and too many attempts read differently on the form. */
	private static AuthenticationFailureHandler signInFailures() {
		ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
		failures.setDefaultFailureUrl("/login?error");
		failures.setExceptionMappings(Map.of(THROTTLED, "/login?throttled"));
		return failures;
	}

}
