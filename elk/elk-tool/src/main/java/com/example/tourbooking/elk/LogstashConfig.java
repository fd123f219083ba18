package com.example.tourbooking.elk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Logstash pipeline configuration: its plugins (with their {@code id}), every
 * field reference it makes ({@code [a][b]} in conditionals, settings and
 * {@code %{[a][b]}}), and the tree of each section (plugins and if / else if / else
 * branches with their conditions), so that tests can run the filters. The parser follows
 * Logstash's config grammar (elastic/logstash logstash-core/lib/logstash/compiler/lscl.rb
 * and its treetop grammar: sections, plugins, attributes, strings, numbers, arrays,
 * hashes, if / else if / else with comparisons, regexps, in / not in, and / or / xor /
 * nand, !), because Logstash itself cannot run here; a syntax error names its line and
 * column. Strings keep their backslashes as written: that is what Logstash does while
 * {@code config.support_escapes} is off (its default, logstash-core environment.rb).
 */
record LogstashConfig(List<Plugin> plugins, List<String> fieldReferences, java.util.Map<String, List<Node>> sections) {

	private static final Pattern REFERENCE = Pattern.compile("(\\[[^\\[\\],\\]]+\\])+");

	private static final Pattern SPRINTF = Pattern.compile("%\\{(\\[[^}]+\\])\\}");

	/**
	 * One plugin: its section, name, {@code id} (null when missing), line and settings
	 * (strings, numbers as text, lists, maps for hashes).
	 */
	record Plugin(String section, String name, String id, int line,
			java.util.Map<String, Object> settings) implements Node {
	}

	/** A plugin or a branch, in the order of the section. */
	sealed interface Node permits Plugin, Branch {

	}

	/**
	 * if / else if / else: one condition per body; a last body without condition is the
	 * else.
	 */
	record Branch(List<Condition> conditions, List<List<Node>> bodies) implements Node {
	}

	/**
	 * A condition: {@code operator} is and, or, xor, nand, !, ==, !=, <, <=, >, >=, =~,
	 * !~, in, not in, or "value" for a lone operand; operands are Conditions or Operands.
	 */
	record Condition(String operator, List<Object> operands) {
	}

	/**
	 * A value in a condition: kind is field (a reference such as [a][b]), string, number,
	 * regexp or list.
	 */
	record Operand(String kind, Object value) {
	}

	static LogstashConfig parse(String text) {
		Parser parser = new Parser(text);
		parser.config();
		return new LogstashConfig(List.copyOf(parser.plugins), List.copyOf(parser.references), parser.sections);
	}

	/** The input was not a valid pipeline configuration. */
	static final class SyntaxException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SyntaxException(String message) {
			super(message);
		}

	}

	private static final class Parser {

		private final String text;

		private int position;

		private String section;

		private final List<Plugin> plugins = new ArrayList<>();

		private final List<String> references = new ArrayList<>();

		private final java.util.Map<String, List<Node>> sections = new java.util.LinkedHashMap<>();

		Parser(String text) {
			this.text = text;
		}

		void config() {
			skipSpace();
			if (atEnd()) {
				throw error("empty configuration: expected input, filter or output");
			}
			while (!atEnd()) {
				String name = bareword();
				if (!List.of("input", "filter", "output").contains(name)) {
					throw error("expected input, filter or output, found '" + name + "'");
				}
				this.section = name;
				expect('{');
				this.sections.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(body());
				expect('}');
				skipSpace();
			}
		}

		private List<Node> body() {
			List<Node> nodes = new ArrayList<>();
			while (true) {
				skipSpace();
				if (atEnd() || peek() == '}') {
					return nodes;
				}
				if (lookingAtWord("if")) {
					nodes.add(branch());
				}
				else {
					nodes.add(plugin(bareword()));
				}
			}
		}

		private Branch branch() {
			List<Condition> conditions = new ArrayList<>();
			List<List<Node>> bodies = new ArrayList<>();
			word("if");
			conditions.add(condition());
			bodies.add(block());
			while (true) {
				skipSpace();
				if (!lookingAtWord("else")) {
					return new Branch(conditions, bodies);
				}
				word("else");
				skipSpace();
				if (lookingAtWord("if")) {
					word("if");
					conditions.add(condition());
					bodies.add(block());
				}
				else {
					bodies.add(block());
					return new Branch(conditions, bodies);
				}
			}
		}

		private List<Node> block() {
			expect('{');
			List<Node> nodes = body();
			expect('}');
			return nodes;
		}

		private Plugin plugin(String name) {
			int line = line();
			expect('{');
			String id = null;
			java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>();
			while (true) {
				skipSpace();
				if (atEnd()) {
					throw error("plugin '" + name + "' is not closed: missing '}'");
				}
				if (peek() == '}') {
					this.position++;
					break;
				}
				String attribute = (peek() == '"' || peek() == '\'') ? string() : bareword();
				expectArrow();
				Object value = value();
				settings.put(attribute, value);
				if ("id".equals(attribute)) {
					id = String.valueOf(value);
				}
			}
			Plugin plugin = new Plugin(this.section, name, id, line, settings);
			this.plugins.add(plugin);
			return plugin;
		}

		private Object value() {
			skipSpace();
			char c = peek();
			if (c == '"' || c == '\'') {
				String value = string();
				scanReferences(value);
				return value;
			}
			if (c == '[') {
				return array();
			}
			if (c == '{') {
				return hash();
			}
			if (c == '-' || Character.isDigit(c)) {
				return number();
			}
			String word = bareword();
			skipSpace();
			if (!atEnd() && peek() == '{') {
				// a codec or other plugin as a value: codec => json_lines { ... }
				plugin(word);
				this.plugins.remove(this.plugins.size() - 1);
			}
			return word;
		}

		private List<Object> array() {
			expect('[');
			List<Object> values = new ArrayList<>();
			skipSpace();
			if (peek() == ']') {
				this.position++;
				return values;
			}
			while (true) {
				values.add(value());
				skipSpace();
				if (peek() == ',') {
					this.position++;
					continue;
				}
				expect(']');
				return values;
			}
		}

		private java.util.Map<String, Object> hash() {
			expect('{');
			java.util.Map<String, Object> entries = new java.util.LinkedHashMap<>();
			while (true) {
				skipSpace();
				if (atEnd()) {
					throw error("hash is not closed: missing '}'");
				}
				if (peek() == '}') {
					this.position++;
					return entries;
				}
				char c = peek();
				String key = (c == '"' || c == '\'') ? string() : (Character.isDigit(c) ? number() : bareword());
				scanReferences(key);
				expectArrow();
				entries.put(key, value());
				skipSpace();
				if (!atEnd() && peek() == ',') {
					this.position++;
				}
			}
		}

		/**
		 * Left to right, as written: the pipelines here never mix and / or without
		 * parentheses.
		 */
		private Condition condition() {
			Condition left = expression();
			while (true) {
				skipSpace();
				String operator = null;
				for (String candidate : List.of("and", "or", "xor", "nand")) {
					if (lookingAtWord(candidate)) {
						operator = candidate;
					}
				}
				if (operator == null) {
					return left;
				}
				word(operator);
				left = new Condition(operator, List.of(left, expression()));
			}
		}

		private Condition expression() {
			skipSpace();
			if (peek() == '(') {
				this.position++;
				Condition inner = condition();
				expect(')');
				return inner;
			}
			if (peek() == '!') {
				this.position++;
				return new Condition("!", List.of(expression()));
			}
			Operand left = rvalue();
			skipSpace();
			for (String operator : List.of("==", "!=", "<=", ">=", "=~", "!~", "<", ">")) {
				if (this.text.startsWith(operator, this.position)) {
					this.position += operator.length();
					skipSpace();
					if (operator.endsWith("~")) {
						if (peek() != '/' && peek() != '"' && peek() != '\'') {
							throw error("'" + operator + "' needs a /regexp/ or a string on its right");
						}
					}
					return new Condition(operator, List.of(left, rvalue()));
				}
			}
			if (lookingAtWord("not")) {
				word("not");
				word("in");
				return new Condition("not in", List.of(left, rvalue()));
			}
			if (lookingAtWord("in")) {
				word("in");
				return new Condition("in", List.of(left, rvalue()));
			}
			return new Condition("value", List.of(left));
		}

		private Operand rvalue() {
			skipSpace();
			char c = peek();
			if (c == '"' || c == '\'') {
				String value = string();
				scanReferences(value);
				return new Operand("string", value);
			}
			if (c == '[') {
				if (this.text.startsWith("[", this.position)
						&& REFERENCE.matcher(this.text).region(this.position, this.text.length()).lookingAt()) {
					Matcher matcher = REFERENCE.matcher(this.text).region(this.position, this.text.length());
					matcher.lookingAt();
					this.references.add(matcher.group());
					this.position = matcher.end();
					return new Operand("field", matcher.group());
				}
				return new Operand("list", array());
			}
			if (c == '/') {
				return new Operand("regexp", regexp());
			}
			if (c == '-' || Character.isDigit(c)) {
				return new Operand("number", number());
			}
			throw error("expected a field reference, string, number, array or /regexp/");
		}

		private String regexp() {
			expect('/');
			int start = this.position;
			while (!atEnd() && peek() != '/') {
				if (peek() == '\\') {
					this.position++;
				}
				this.position++;
			}
			if (atEnd()) {
				throw error("regexp is not closed: missing '/'");
			}
			this.position++;
			return this.text.substring(start, this.position - 1);
		}

		private String string() {
			char quote = this.text.charAt(this.position);
			int start = this.position;
			this.position++;
			StringBuilder value = new StringBuilder();
			while (!atEnd() && peek() != quote) {
				if (peek() == '\\' && this.position + 1 < this.text.length()) {
					// an escaped quote does not end the string; the backslash stays (no
					// support_escapes)
					value.append(this.text.charAt(this.position++));
				}
				value.append(this.text.charAt(this.position++));
			}
			if (atEnd()) {
				this.position = start;
				throw error("string is not closed: missing " + quote);
			}
			this.position++;
			return value.toString();
		}

		private String number() {
			skipSpace();
			int start = this.position;
			if (peek() == '-') {
				this.position++;
			}
			while (!atEnd() && (Character.isDigit(peek()) || peek() == '.')) {
				this.position++;
			}
			if (start == this.position || "-".equals(this.text.substring(start, this.position))) {
				throw error("expected a number");
			}
			return this.text.substring(start, this.position);
		}

		private String bareword() {
			skipSpace();
			int start = this.position;
			while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-' || peek() == '.')) {
				this.position++;
			}
			if (start == this.position) {
				throw error(atEnd() ? "unexpected end of configuration" : "unexpected '" + peek() + "'");
			}
			return this.text.substring(start, this.position);
		}

		private void scanReferences(String value) {
			Matcher sprintf = SPRINTF.matcher(value);
			while (sprintf.find()) {
				this.references.add(sprintf.group(1));
			}
			if (REFERENCE.matcher(value).matches()) {
				this.references.add(value);
			}
		}

		private boolean lookingAtWord(String word) {
			int end = this.position + word.length();
			return this.text.startsWith(word, this.position)
					&& (end >= this.text.length() || !Character.isLetterOrDigit(this.text.charAt(end)));
		}

		private void word(String word) {
			skipSpace();
			if (!lookingAtWord(word)) {
				throw error("expected '" + word + "'");
			}
			this.position += word.length();
		}

		private void expectArrow() {
			skipSpace();
			if (!this.text.startsWith("=>", this.position)) {
				throw error("expected '=>'");
			}
			this.position += 2;
		}

		private void expect(char c) {
			skipSpace();
			if (atEnd() || peek() != c) {
				throw error("expected '" + c + "'" + (atEnd() ? " before the end" : ", found '" + peek() + "'"));
			}
			this.position++;
		}

		private void skipSpace() {
			while (!atEnd()) {
				char c = peek();
				if (c == '#') {
					while (!atEnd() && peek() != '\n') {
						this.position++;
					}
				}
				else if (Character.isWhitespace(c)) {
					this.position++;
				}
				else {
					return;
				}
			}
		}

		private boolean atEnd() {
			return this.position >= this.text.length();
		}

		private char peek() {
			return this.text.charAt(this.position);
		}

		private int line() {
			return (int) this.text.substring(0, Math.min(this.position, this.text.length()))
				.chars()
				.filter((c) -> c == '\n')
				.count() + 1;
		}

		private SyntaxException error(String message) {
			int line = line();
			int lineStart = this.text.lastIndexOf('\n', Math.max(0, this.position - 1)) + 1;
			return new SyntaxException("line " + line + ", column " + (this.position - lineStart + 1) + ": " + message);
		}

	}

}
