package cdcdemo.cli.connectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code DELETE /api/connectors/NAME/snapshots}. */
@Command(name = "connectors:snapshot-stop",
		description = { "Stop the snapshot a connector is taking (one asked with connectors:snapshot, or for",
				"tables an update added). The rows read so far stay published as op=r events; the rest are",
				"not read again. The connector starts again and streams from where the snapshot paused it:",
				"no change is skipped. Refused (exit 3) when no such snapshot is running, and for a new",
				"connector's initial snapshot, which would start over from its first row." })
class SnapshotStopCommand extends ConnectorCommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "The connector.")
	String name;

	@Override
	public void run() {
		JsonNode answer = bridge().delete(path(this.name) + "/snapshots");
		if (this.output.json()) {
			this.output.printJson(answer);
			return;
		}
		Connector connector = connector(answer);
		long rows = (connector.snapshot() != null && connector.snapshot().stopped() != null)
				? connector.snapshot().stopped().rowsRead() : 0;
		this.output.out()
			.println("Stopped the snapshot of " + this.name + " after " + rows
					+ " rows; the connector starts again and streams from where the snapshot paused it");
		this.output.out().println(ConnectorView.statusLine(connector));
		this.output.out().flush();
	}

}
