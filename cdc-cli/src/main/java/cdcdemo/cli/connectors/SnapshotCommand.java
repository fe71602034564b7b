package cdcdemo.cli.connectors;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/connectors/NAME/snapshots}. */
@Command(name = "connectors:snapshot",
		description = { "Read a table's rows again, as op=r events.",
				"For a consumer that needs them from the start. Streaming pauses while the table is read,",
				"then resumes where it paused: no change is skipped. Stop it with connectors:snapshot-stop NAME." })
class SnapshotCommand extends ConnectorCommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "The connector.")
	String name;

	@Option(names = "--table", required = true, paramLabel = "SCHEMA.TABLE",
			description = "A table the connector captures.")
	String table;

	@Option(names = "--where", paramLabel = "CONDITION",
			description = { "Read only the rows that match this SQL condition, e.g. \"id > 1000\"",
					"(PostgreSQL checks it first, as the connector's role)." })
	String where;

	@Override
	public void run() {
		Map<String, String> request = new java.util.LinkedHashMap<>();
		request.put("table", this.table);
		if (this.where != null) {
			request.put("where", this.where);
		}
		JsonNode answer = bridge().post(path(this.name) + "/snapshots", request);
		if (this.output.json()) {
			this.output.printJson(answer);
			return;
		}
		this.output.out().println(answer.path("message").asString());
		this.output.out().flush();
	}

}
