package com.example.tourbooking.system.web;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The site's language (English or Korean, from {@code Accept-Language} until the reader
 * picks one with the switcher, {@code ?lang=ko}, which a cookie then remembers) and its
 * static assets.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("lang");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieHttpOnly(true);
		resolver.setCookieSecure(true);
		resolver.setCookieSameSite("Lax");
		return new SiteLocaleResolver(resolver);
	}

	/**
	 * Forms bind only what they declare: a record's constructor arguments, or the fields
	 * a controller allows ({@code WebDataBinder#setAllowedFields}). Otherwise Spring
	 * binds every request parameter as a property path after the constructor has run, so
	 * an anonymous {@code POST /signup} with {@code name.x=1}, or {@code from.year=1} on
	 * the home page, walked into the form's values and ended in a 500 (read in
	 * {@code DataBinder}: {@code shouldNotBindPropertyValues} skips that step only for
	 * declarative binding). Set once on the adapter's binding initializer rather than by
	 * an {@code @InitBinder} advice, which Spring resolves again for every request.
	 * @return the post-processor that switches it on
	 */
	@Bean
	static BeanPostProcessor declarativeFormBinding() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof RequestMappingHandlerAdapter adapter
						&& adapter.getWebBindingInitializer() instanceof ConfigurableWebBindingInitializer binding) {
					binding.setDeclarativeBinding(true);
				}
				return bean;
			}

		};
	}

	@Bean
	PageErrorResolver pageErrorResolver() {
		return new PageErrorResolver();
	}

	/**
	 * The site's own assets and nothing else. CSS and JS get content-hashed names
	 * ({@code /css/site-<md5>.css}, written into the pages by the
	 * {@code ResourceUrlEncodingFilter}) and are cached for a year; the favicon and
	 * robots.txt keep their names and are cached for a day. Spring Boot's catch-all
	 * {@code /**} handler is off ({@code spring.web.resources.add-mappings=false}): with
	 * it, {@code ResourceUrlProvider} looked every link of a page ({@code /tours/1},
	 * {@code /login}, ...) up as a file in four class path locations, and
	 * {@code CachingResourceResolver} caches only what it finds, so each page view
	 * searched the jar again for every link: 58% of the home page's CPU.
	 */
	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		CacheControl year = CacheControl.maxAge(Duration.ofDays(365)).cachePublic();
		for (String kind : List.of("css", "js")) {
			registry.addResourceHandler("/" + kind + "/**")
				.addResourceLocations("classpath:/static/" + kind + "/")
				.setCacheControl(year)
				.resourceChain(true)
				.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		}
		registry.addResourceHandler("/{file:favicon\\.svg|robots\\.txt}")
			.addResourceLocations("classpath:/static/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change).excludePathPatterns(SitePaths.API);
	}

}
