package com.example.tourbooking.system.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The reader's locale, always one the site is written in. {@code CookieLocaleResolver}
 * takes any language a {@code lang} cookie or {@code ?lang=} names (it parses, it does
 * not check), which answered {@code Content-Language: fr} over English text and let every
 * visitor invent new locales for the per-locale formats of
 * {@link com.example.tourbooking.system.PageFormats}. Here the cookie, the switcher and
 * {@code Accept-Language} all end in English or Korean.
 */
final class SiteLocaleResolver implements LocaleResolver {

	private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);

	private final CookieLocaleResolver cookie;

	SiteLocaleResolver(CookieLocaleResolver cookie) {
		this.cookie = cookie;
		cookie.setDefaultLocaleFunction((request) -> supported(request.getLocale()));
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		return supported(this.cookie.resolveLocale(request));
	}

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		this.cookie.setLocale(request, response, (locale != null) ? supported(locale) : null);
	}

	private static Locale supported(Locale requested) {
		return SUPPORTED.stream()
			.filter((locale) -> locale.getLanguage().equals(requested.getLanguage()))
			.findFirst()
			.orElse(Locale.ENGLISH);
	}

}
