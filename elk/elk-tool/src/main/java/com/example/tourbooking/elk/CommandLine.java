package com.example.tourbooking.elk;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The command and its {@code --name value} options, with environment variables as
 * fallbacks, so that make targets, Jenkins and Ansible can pass either.
 */
record CommandLine(String command, Map<String, String> options, List<String> flags, UnaryOperator<String> environment) {

	static CommandLine parse(String[] args, UnaryOperator<String> environment) {
		if (args.length == 0) {
			return new CommandLine("help", Map.of(), List.of(), environment);
		}
		Map<String, String> options = new HashMap<>();
		List<String> flags = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new UsageException("unexpected argument '" + arg + "': options look like --name value");
			}
			String name = arg.substring(2);
			int equals = name.indexOf('=');
			if (equals > 0) {
				options.put(name.substring(0, equals), name.substring(equals + 1));
			}
			else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				options.put(name, args[++i]);
			}
			else {
				flags.add(name);
			}
		}
		return new CommandLine(args[0], options, flags, environment);
	}

	boolean flag(String name) {
		return this.flags.contains(name);
	}

	String option(String name, String variable, String fallback) {
		String value = this.options.get(name);
		if (value == null && variable != null) {
			value = this.environment.apply(variable);
		}
		return (value == null || value.isBlank()) ? fallback : value;
	}

	String required(String name, String variable) {
		String value = option(name, variable, null);
		if (value == null) {
			throw new UsageException("missing --" + name + ((variable != null) ? " (or " + variable + ")" : ""));
		}
		return value;
	}

	Duration duration(String name, String variable, String fallback) {
		String value = option(name, variable, fallback);
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("--" + name + " must be an ISO-8601 duration such as PT5M, not '" + value + "'");
		}
	}

	Instant instant(String name, String variable, Instant fallback) {
		String value = option(name, variable, null);
		if (value == null) {
			return fallback;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("--" + name + " must be an ISO-8601 instant such as 2026-01-31T10:15:00Z");
		}
	}

	double decimal(String name, String variable, String fallback) {
		String value = option(name, variable, fallback);
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + name + " must be a number, not '" + value + "'");
		}
	}

	/** A mistake in how the tool was called: print the message and the usage. */
	static final class UsageException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UsageException(String message) {
			super(message);
		}

	}

}
