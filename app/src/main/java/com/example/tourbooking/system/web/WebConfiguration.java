package com.example.tourbooking.system.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The site's language: English or Korean, from {@code Accept-Language} until the reader
 * picks one with the switcher ({@code ?lang=ko}), which a cookie then remembers.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("lang");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieHttpOnly(true);
		resolver.setCookieSecure(true);
		resolver.setCookieSameSite("Lax");
		resolver.setDefaultLocaleFunction((request) -> supported(request.getLocale()));
		return resolver;
	}

	@Bean
	PageErrorResolver pageErrorResolver() {
		return new PageErrorResolver();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change).excludePathPatterns(SitePaths.API);
	}

	private static Locale supported(Locale requested) {
		return SUPPORTED.stream()
			.filter((locale) -> locale.getLanguage().equals(requested.getLanguage()))
			.findFirst()
			.orElse(Locale.ENGLISH);
	}

}
