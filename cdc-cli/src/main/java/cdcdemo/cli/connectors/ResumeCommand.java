package cdcdemo.cli.connectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code POST /api/connectors/NAME/resume}. */
@Command(name = "connectors:resume",
		description = "Resume a paused connector: the changes made while it was paused arrive first.")
class ResumeCommand extends ConnectorCommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "The connector.")
	String name;

	@Override
	public void run() {
		printConnector(bridge().post(path(this.name) + "/resume", null));
	}

}
