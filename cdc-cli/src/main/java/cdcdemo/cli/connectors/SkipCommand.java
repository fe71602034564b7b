package cdcdemo.cli.connectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/connectors/NAME/skip}. */
@Command(name = "connectors:skip",
		description = { "Skip the change Kafka refused, which stopped a connector in failed.",
				"The change does not reach its topic: a small reference record (table, key, LSN, size, who, when)",
				"goes to <topic>.DLT instead, the skip is kept in the connector's definition, and the connector",
				"goes on with the next change. To publish the change instead, raise the limit and resume:",
				"cdc connectors:update NAME --max-event-bytes BYTES." })
class SkipCommand extends ConnectorCommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "The failed connector.")
	String name;

	@Override
	public void run() {
		JsonNode answer = bridge().post(path(this.name) + "/skip", null);
		if (this.output.json()) {
			this.output.printJson(answer);
			return;
		}
		Connector connector = connector(answer);
		Connector.Skipped skipped = connector.delivery().skipped().get(connector.delivery().skipped().size() - 1);
		this.output.out()
			.println("Skipped the change on " + skipped.topic() + " with key " + skipped.key() + " (" + skipped.bytes()
					+ " bytes, LSN " + skipped.lsn() + "); its reference record goes to " + skipped.topic() + ".DLT");
		this.output.out().println(ConnectorView.statusLine(connector));
		this.output.out().flush();
	}

}
