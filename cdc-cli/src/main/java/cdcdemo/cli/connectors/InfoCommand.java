package cdcdemo.cli.connectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/connectors/NAME}. */
@Command(name = "connectors:info", description = { "Show a connector.",
		"Status, source, tables and topics, excluded columns, settings, snapshot, lag, retained WAL." })
class InfoCommand extends ConnectorCommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "The connector.")
	String name;

	@Override
	public void run() {
		JsonNode answer = bridge().get(path(this.name));
		if (this.output.json()) {
			this.output.printJson(answer);
			return;
		}
		ConnectorView.printInfo(connector(answer), this.output.out());
	}

}
