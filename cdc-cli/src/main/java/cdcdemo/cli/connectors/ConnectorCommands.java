package cdcdemo.cli.connectors;

import picocli.CommandLine;

/** The {@code connectors:*} commands, for the application to register. */
public final class ConnectorCommands {

	private ConnectorCommands() {
	}

	public static void addTo(CommandLine cli) {
		cli.addSubcommand(new CreateCommand())
			.addSubcommand(new ListCommand())
			.addSubcommand(new InfoCommand())
			.addSubcommand(new UpdateCommand())
			.addSubcommand(new PauseCommand())
			.addSubcommand(new ResumeCommand())
			.addSubcommand(new MoveCommand())
			.addSubcommand(new WaitCommand())
			.addSubcommand(new SnapshotCommand())
			.addSubcommand(new SnapshotStopCommand())
			.addSubcommand(new SkipCommand())
			.addSubcommand(new DestroyCommand());
	}

}
