package cdcdemo.bridge.connector;

import java.util.List;

/**
 * A connector request the bridge refuses, with every field at fault and why.
 */
public class ConnectorValidationException extends RuntimeException {

	public record FieldProblem(String field, String message) {
	}

	private final List<FieldProblem> problems;

	public ConnectorValidationException(List<FieldProblem> problems) {
		super(problems.stream().map((p) -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

}
