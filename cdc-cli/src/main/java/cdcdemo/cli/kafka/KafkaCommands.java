package cdcdemo.cli.kafka;

import picocli.CommandLine;

/** The {@code kafka:*} commands, for the application to register. */
public final class KafkaCommands {

	private KafkaCommands() {
	}

	public static void addTo(CommandLine cli) {
		cli.addSubcommand(new TopicsCommand()).addSubcommand(new TailCommand());
	}

}
