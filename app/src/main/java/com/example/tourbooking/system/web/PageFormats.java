package com.example.tourbooking.system.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Dates and money as the reader's locale writes them, for templates
 * ({@code ${@fmt.money(tour.pricePerPerson, tour.currency, #locale)}}). Amounts keep
 * their own currency: a Korean reader sees euros written the Korean way, not won.
 */
@Component("fmt")
public class PageFormats {

	public String money(BigDecimal amount, String currency, Locale locale) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(Currency.getInstance(currency));
		return format.format(amount);
	}

	public String date(LocalDate date, Locale locale) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(date);
	}

	public String longDate(LocalDate date, Locale locale) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(date);
	}

}
