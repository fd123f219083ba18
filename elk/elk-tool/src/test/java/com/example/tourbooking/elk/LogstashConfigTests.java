package com.example.tourbooking.elk;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Logstash config checker (Logstash itself cannot run here): valid configurations
 * parse with their plugins and field references, broken samples are refused with their
 * position.
 */
class LogstashConfigTests {

	static final Set<String> FIELDS = Set.of("log.level", "service.environment", "tags", "event.original", "message");

	static final String VALID = """
			# comment
			input { tcp { id => "in" port => 5000 codec => json_lines { target => "" } } }
			filter {
			  if [log.level] == "ERROR" and ![service.environment] {
			    mutate { id => "m1" replace => { "[service.environment]" => "x" } }
			  } else if "_jsonparsefailure" in [tags] or [message] =~ /^boom/ {
			    mutate { id => "m2" copy => { "[message]" => "[event][original]" } }
			  } else {
			    drop { id => "d1" }
			  }
			}
			output { elasticsearch { id => "out" hosts => ["${ES_HOSTS}"] data_stream => true data_stream_dataset => "x" } }
			""";

	@Test
	void aValidConfigurationParsesWithItsPluginsAndReferences() {
		LogstashConfig config = LogstashConfig.parse(VALID);
		assertThat(config.plugins()).extracting(LogstashConfig.Plugin::id)
			.containsExactly("in", "m1", "m2", "d1", "out");
		assertThat(config.fieldReferences()).contains("[log.level]", "[service.environment]", "[tags]", "[message]",
				"[event][original]");
		assertThat(StaticChecks.checkPipeline("valid.conf", VALID, new HashSet<>(), FIELDS, false)).isEmpty();
	}

	@Test
	void aMissingBraceIsASyntaxError() {
		assertThatThrownBy(() -> LogstashConfig.parse("filter { mutate { id => \"a\" }"))
			.isInstanceOf(LogstashConfig.SyntaxException.class)
			.hasMessageContaining("expected '}' before the end");
	}

	@Test
	void anUnclosedStringIsASyntaxErrorWithItsLine() {
		assertThatThrownBy(() -> LogstashConfig.parse("input {\n  tcp { id => \"a port => 5 }\n}\n"))
			.hasMessageContaining("line 2")
			.hasMessageContaining("string is not closed");
	}

	@Test
	void aMissingArrowIsASyntaxError() {
		assertThatThrownBy(() -> LogstashConfig.parse("input { tcp { port 5000 } }"))
			.hasMessageContaining("expected '=>'");
	}

	@Test
	void anUnknownSectionIsASyntaxError() {
		assertThatThrownBy(() -> LogstashConfig.parse("inputs { }"))
			.hasMessageContaining("expected input, filter or output");
	}

	@Test
	void aRegexpMatchNeedsARegexp() {
		assertThatThrownBy(() -> LogstashConfig.parse("filter { if [message] =~ 5 { drop { id => \"d\" } } }"))
			.hasMessageContaining("needs a /regexp/");
	}

	@Test
	void aPluginWithoutIdAndARepeatedIdAreReported() {
		String config = "filter { mutate { id => \"a\" } mutate { add_tag => [\"x\"] } mutate { id => \"a\" } }";
		List<String> problems = StaticChecks.checkPipeline("p.conf", config, new HashSet<>(), FIELDS, false);
		assertThat(problems).containsExactly("p.conf:1 filter/mutate has no id",
				"p.conf:1 filter/mutate repeats the id a");
	}

	@Test
	void aFieldOutsideTheContractIsReported() {
		String config = "filter { if [loglevel] { mutate { id => \"a\" rename => { \"[log][lvl]\" => \"[log.level]\" } } } }";
		assertThat(StaticChecks.checkPipeline("p.conf", config, new HashSet<>(), FIELDS, false)).containsExactly(
				"p.conf: references [loglevel], which is not in the field contract",
				"p.conf: references [log][lvl], which is not in the field contract");
	}

	@Test
	void theBranchesKeepTheirConditionsAndBodies() {
		LogstashConfig.Branch branch = (LogstashConfig.Branch) LogstashConfig.parse(VALID)
			.sections()
			.get("filter")
			.get(0);
		assertThat(branch.conditions()).hasSize(2);
		assertThat(branch.bodies()).hasSize(3);
		LogstashConfig.Condition first = branch.conditions().get(0);
		assertThat(first.operator()).isEqualTo("and");
		assertThat(((LogstashConfig.Condition) first.operands().get(0)).operands()).containsExactly(
				new LogstashConfig.Operand("field", "[log.level]"), new LogstashConfig.Operand("string", "ERROR"));
		assertThat(((LogstashConfig.Condition) first.operands().get(1)).operator()).isEqualTo("!");
	}

	@Test
	void appendingAddFieldInterpolationAndEscapesWithoutSupportEscapesAreReported() {
		String config = """
				filter {
				  mutate { id => "a" add_field => { "[message]" => "x" } }
				  mutate { id => "b" replace => { "[data_stream][namespace]" => "%{[service.environment]}" } }
				  mutate { id => "c" join => { "[message]" => "\\n" } }
				}
				""";
		assertThat(StaticChecks.checkPipeline("p.conf", config, new HashSet<>(), FIELDS, false)).containsExactly(
				"p.conf:2 filter/mutate uses add_field, which appends to a field that exists (logstash-core util/decorators.rb): set values with mutate replace, or in the producer",
				"p.conf:3 filter/mutate interpolates %{[service.environment]}: an array field becomes \"a,b\" (logstash-core StringInterpolation.java); route with == conditionals and literal values",
				"p.conf:4 filter/mutate writes \\n: without config.support_escapes (off by default) the backslash is kept literally",
				"p.conf: references [data_stream][namespace], which is not in the field contract");
		assertThat(StaticChecks.checkPipeline("p.conf",
				config.replace("add_field", "replace").replace("%{[service.environment]}", "x"), new HashSet<>(),
				FIELDS, true))
			.containsExactly("p.conf: references [data_stream][namespace], which is not in the field contract");
	}

	@Test
	void anOutputToTheGenericDataStreamOrWithALiteralPasswordIsReported() {
		String config = "output { elasticsearch { id => \"o\" hosts => [\"h\"] password => \"secret\" } }";
		assertThat(StaticChecks.checkPipeline("p.conf", config, new HashSet<>(), FIELDS, false)).containsExactly(
				"p.conf:1 output/elasticsearch must write a named data stream (data_stream => true, data_stream_dataset)",
				"p.conf:1 output/elasticsearch has a literal password: use ${VARIABLE} (environment or keystore)");
	}

}
