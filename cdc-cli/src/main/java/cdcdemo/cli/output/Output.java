package cdcdemo.cli.output;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

import cdcdemo.cli.bridge.Json;

/**
 * What every command shares about its output: {@code --json}, and the writers of the
 * command line it runs in (so that tests can capture them).
 */
public final class Output {

	@Option(names = "--json", description = "Print the bridge's JSON answer as it is, for scripts.")
	private boolean json;

	@Spec(Spec.Target.MIXEE)
	private CommandSpec mixee;

	public boolean json() {
		return this.json;
	}

	public PrintWriter out() {
		return this.mixee.commandLine().getOut();
	}

	public PrintWriter err() {
		return this.mixee.commandLine().getErr();
	}

	public void printJson(JsonNode node) {
		out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
		out().flush();
	}

}
