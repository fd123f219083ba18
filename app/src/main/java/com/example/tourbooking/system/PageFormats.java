package com.example.tourbooking.system;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Dates and money as the reader's locale writes them, for templates
 * ({@code ${@fmt.money(tour.pricePerPerson, tour.currency, #locale)}}). Amounts keep
 * their own currency: a Korean reader sees euros written the Korean way, not won.
 */
@Component("fmt")
public class PageFormats {

	// NumberFormat.getCurrencyInstance goes through the locale providers on every call (a
	// list asks once per row): each locale and currency's format is made once and cloned
	// per use, as DecimalFormat is not thread-safe. The locales are English and Korean
	// only (SiteLocaleResolver), the currencies the catalogue's.
	private final Map<String, NumberFormat> moneyFormats = new ConcurrentHashMap<>();

	private final Map<Locale, DateTimeFormatter> dateFormats = new ConcurrentHashMap<>();

	private final Map<Locale, DateTimeFormatter> longDateFormats = new ConcurrentHashMap<>();

	public String money(BigDecimal amount, String currency, Locale locale) {
		NumberFormat format = this.moneyFormats.computeIfAbsent(locale.toLanguageTag() + " " + currency, (key) -> {
			NumberFormat created = NumberFormat.getCurrencyInstance(locale);
			created.setCurrency(Currency.getInstance(currency));
			return created;
		});
		return ((NumberFormat) format.clone()).format(amount);
	}

	public String date(LocalDate date, Locale locale) {
		return this.dateFormats
			.computeIfAbsent(locale, (key) -> DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(key))
			.format(date);
	}

	public String longDate(LocalDate date, Locale locale) {
		return this.longDateFormats
			.computeIfAbsent(locale, (key) -> DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(key))
			.format(date);
	}

}
