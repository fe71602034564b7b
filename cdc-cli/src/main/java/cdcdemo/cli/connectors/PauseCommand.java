package cdcdemo.cli.connectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code POST /api/connectors/NAME/pause}. */
@Command(name = "connectors:pause",
		description = { "Pause a connector; its slot keeps the changes until it resumes.",
				"The slot holds back the WAL those changes are in: a connector left paused fills the disk,",
				"so resume or destroy it." })
class PauseCommand extends ConnectorCommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "The connector.")
	String name;

	@Override
	public void run() {
		printConnector(bridge().post(path(this.name) + "/pause", null));
	}

}
