package com.example.tourbooking.pipeline

import groovy.transform.PackageScope
import org.codehaus.groovy.ast.CodeVisitorSupport
import org.codehaus.groovy.ast.ModuleNode
import org.codehaus.groovy.ast.expr.ArgumentListExpression
import org.codehaus.groovy.ast.expr.BinaryExpression
import org.codehaus.groovy.ast.expr.ConstantExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.GStringExpression
import org.codehaus.groovy.ast.expr.MapExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.PropertyExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases

/**
 * Reads a Jenkinsfile's syntax tree (without running it) and reports every place where a
 * credential variable appears in a Groovy-interpolated string, and every {@code sh} whose script is
 * not a plain constant string. This covers branches and post conditions that no simulated build
 * reaches.
 */
@PackageScope
class CredentialUsageScanner extends CodeVisitorSupport {

	/** Variables that hold credentials: from {@code credentials()} and from binding {@code ...Variable:} keys. */
	final Set<String> credentialVariables = [] as Set

	/** Names referenced inside interpolated strings, with the line they appear on. */
	private final List<Map> interpolations = []

	final List<String> nonConstantShellScripts = []

	static CredentialUsageScanner scan(File jenkinsfile) {
		CompilationUnit unit = new CompilationUnit()
		unit.addSource(jenkinsfile.name, jenkinsfile.text)
		unit.compile(Phases.CONVERSION)
		CredentialUsageScanner scanner = new CredentialUsageScanner()
		unit.AST.modules.each { ModuleNode module -> module.statementBlock.visit(scanner) }
		return scanner
	}

	List<String> interpolatedCredentials() {
		interpolations.findAll { it.name in credentialVariables || credentialVariables.any { base -> it.name in ["${base}_USR", "${base}_PSW"]*.toString() } }
			.collect { "line ${it.line}: ${it.name}".toString() }
	}

	@Override
	void visitBinaryExpression(BinaryExpression expression) {
		if (expression.operation.text == '=' && expression.leftExpression instanceof VariableExpression
				&& isCall(expression.rightExpression, 'credentials')) {
			credentialVariables << ((VariableExpression) expression.leftExpression).name
		}
		super.visitBinaryExpression(expression)
	}

	@Override
	void visitMapExpression(MapExpression expression) {
		expression.mapEntryExpressions.each { entry ->
			String key = entry.keyExpression.text
			if ((key == 'variable' || key.endsWith('Variable')) && entry.valueExpression instanceof ConstantExpression) {
				credentialVariables << entry.valueExpression.text
			}
		}
		super.visitMapExpression(expression)
	}

	@Override
	void visitMethodCallExpression(MethodCallExpression call) {
		if (call.methodAsString == 'sh') {
			Expression script = shellScript(call.arguments)
			if (!(script instanceof ConstantExpression)) {
				nonConstantShellScripts << "line ${call.lineNumber}: sh ${call.arguments.text}".toString()
			}
		}
		super.visitMethodCallExpression(call)
	}

	@Override
	void visitGStringExpression(GStringExpression expression) {
		expression.values.each { Expression value -> collectNames(value) }
		super.visitGStringExpression(expression)
	}

	private void collectNames(Expression value) {
		if (value instanceof VariableExpression) {
			interpolations << [name: value.name, line: value.lineNumber]
		}
		else if (value instanceof PropertyExpression) {
			interpolations << [name: value.propertyAsString, line: value.lineNumber]
			collectNames(value.objectExpression)
		}
		else if (value instanceof MethodCallExpression) {
			collectNames(value.objectExpression)
			value.arguments.each { collectNames(it) }
		}
		else if (value instanceof BinaryExpression) {
			collectNames(value.leftExpression)
			collectNames(value.rightExpression)
		}
	}

	private static Expression shellScript(Expression arguments) {
		if (arguments instanceof TupleExpression && !(arguments instanceof ArgumentListExpression)) {
			MapExpression named = (MapExpression) ((TupleExpression) arguments).expressions[0]
			return named.mapEntryExpressions.find { it.keyExpression.text == 'script' }?.valueExpression
		}
		return arguments instanceof TupleExpression ? ((TupleExpression) arguments).expressions[0] : arguments
	}

	private static boolean isCall(Expression expression, String name) {
		expression instanceof MethodCallExpression && ((MethodCallExpression) expression).methodAsString == name
	}

}
