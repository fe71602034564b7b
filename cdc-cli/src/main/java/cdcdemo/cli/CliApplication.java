package cdcdemo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import cdcdemo.cli.bridge.BridgeOptions;
import cdcdemo.cli.bridge.CommandFailure;
import cdcdemo.cli.connectors.ConnectorCommands;
import cdcdemo.cli.kafka.KafkaCommands;

/**
 * {@code cdc}: cdc-bridge's connectors and topics from a shell, the way
 * {@code heroku data:connectors:*} and {@code heroku kafka:*} work. A failure prints one
 * clear message and exits with a code a script can test; no stack traces.
 */
@Command(name = "cdc", mixinStandardHelpOptions = true, version = "cdc 0.1.0",
		description = "Create, watch and change cdc-bridge's connectors, and look at their Kafka topics.",
		synopsisSubcommandLabel = "COMMAND",
		footer = { "", "Global options go before the command, e.g.:", "  cdc --bridge http://host:8083 connectors:list",
				"Run cdc COMMAND --help for a command's options.", "", "Exit codes:", "  0 done", "  1 failed",
				"  2 bad usage", "  3 refused by the bridge (each field at fault is printed)", "  4 login failed",
				"  5 no such connector or topic", "  6 bridge (or Kafka) unreachable",
				"  7 not allowed for the login's role" })
public final class CliApplication implements Runnable {

	@Mixin(name = BridgeOptions.MIXIN_NAME)
	BridgeOptions bridge;

	@Spec
	CommandSpec spec;

	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	/**
	 * The command line with every command, ready to {@code execute}.
	 * @return a new command line (set its out and err writers to capture them)
	 */
	public static CommandLine commandLine() {
		CommandLine cli = new CommandLine(new CliApplication());
		ConnectorCommands.addTo(cli);
		KafkaCommands.addTo(cli);
		cli.setCaseInsensitiveEnumValuesAllowed(true);
		cli.setExecutionExceptionHandler((ex, command, parseResult) -> {
			if (ex instanceof CommandFailure failure) {
				command.getErr().println(failure.getMessage());
				command.getErr().flush();
				return failure.exitCode().code();
			}
			command.getErr().println("error: " + ex);
			command.getErr().flush();
			return 1;
		});
		return cli;
	}

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "give a command");
	}

}
