package cdcdemo.cli.connectors;

import java.util.List;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

import cdcdemo.cli.bridge.Json;
import cdcdemo.cli.output.TextTable;

/** {@code GET /api/connectors}, as a table. */
@Command(name = "connectors:list", description = "List the connectors with their status, tables and rates.")
class ListCommand extends ConnectorCommand {

	@Override
	public void run() {
		JsonNode answer = bridge().get("api/connectors");
		if (this.output.json()) {
			this.output.printJson(answer);
			return;
		}
		List<Connector> connectors = Json.MAPPER.readerForListOf(Connector.class).readValue(answer);
		if (connectors.isEmpty()) {
			this.output.out().println("No connectors. Create one with: cdc connectors:create --help");
			this.output.out().flush();
			return;
		}
		TextTable table = new TextTable("NAME", "STATUS", "TABLES", "EVENTS#", "EVENTS/S#", "LAG MS#", "SNAPSHOT");
		for (Connector c : connectors) {
			table.row(c.name(), c.status(), String.join(",", c.tables().stream().map(Connector.Table::table).toList()),
					c.eventsPublished(), String.format("%.1f", c.eventsPerSecond()),
					(c.millisBehindSource() != null) ? c.millisBehindSource() : "-",
					(c.snapshot() != null) ? c.snapshot().state() : "-");
		}
		table.print(this.output.out());
	}

}
