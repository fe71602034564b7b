package cdcdemo.cli.connectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code PATCH /api/connectors/NAME}: only the parts given are sent. */
@Command(name = "connectors:update", sortOptions = false,
		description = { "Change a connector's tables, excluded columns, settings or largest event size.",
				"It restarts; the tables it starts capturing are snapshotted (when it resumes, if it is paused)." })
class UpdateCommand extends ConnectorCommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "The connector.")
	String name;

	@Option(names = "--add-table", paramLabel = "SCHEMA.TABLE", description = "Start capturing a table (repeatable).")
	List<String> addTables = new ArrayList<>();

	@Option(names = "--remove-table", paramLabel = "SCHEMA.TABLE",
			description = "Stop capturing a table; its topic is kept (repeatable).")
	List<String> removeTables = new ArrayList<>();

	@Option(names = "--add-exclude", paramLabel = "SCHEMA.TABLE.COLUMN",
			description = "Stop sending a column (repeatable).")
	List<String> addExcludes = new ArrayList<>();

	@Option(names = "--remove-exclude", paramLabel = "SCHEMA.TABLE.COLUMN",
			description = "Send a column again (repeatable).")
	List<String> removeExcludes = new ArrayList<>();

	@Option(names = "--setting", paramLabel = "KEY=VALUE", description = "Set a Debezium property (repeatable).")
	Map<String, String> settings = new LinkedHashMap<>();

	@Option(names = "--remove-setting", paramLabel = "KEY", description = "Remove a Debezium property (repeatable).")
	List<String> removeSettings = new ArrayList<>();

	@Option(names = "--replica-identity", paramLabel = "SCHEMA.TABLE=default|full",
			description = "Change what a table's update and delete events carry in 'before' (repeatable).")
	Map<String, String> replicaIdentity = new LinkedHashMap<>();

	@Option(names = "--max-event-bytes", paramLabel = "BYTES",
			description = { "The largest change event to publish (its producer's max.request.size and its topics'",
					"max.message.bytes); the broker's socket.request.max.bytes is the ceiling." })
	Integer maxEventBytes;

	@Option(names = "--partitions", paramLabel = "N",
			description = { "Partitions of the change topics created from now on (a table added later), 1 to 1000.",
					"Each row's events go to one partition (keyed by its primary key), in order;",
					"a topic that exists keeps its partitions (the connector warns if they differ)." })
	Integer partitions;

	@Override
	public void run() {
		Map<String, String> changedSettings = new LinkedHashMap<>(this.settings);
		this.removeSettings.forEach((key) -> changedSettings.put(key, null));
		Map<String, Object> update = new LinkedHashMap<>();
		putIfAny(update, "settings", changedSettings.isEmpty() ? null : changedSettings);
		putIfAny(update, "addTables", this.addTables);
		putIfAny(update, "removeTables", this.removeTables);
		putIfAny(update, "addExcludedColumns", this.addExcludes);
		putIfAny(update, "removeExcludedColumns", this.removeExcludes);
		putIfAny(update, "replicaIdentity", this.replicaIdentity.isEmpty() ? null : this.replicaIdentity);
		putIfAny(update, "maxEventBytes", this.maxEventBytes);
		putIfAny(update, "partitions", this.partitions);
		if (update.isEmpty()) {
			throw new ParameterException(this.spec.commandLine(), "nothing to change: give at least one of "
					+ "--add-table, --remove-table, --add-exclude, --remove-exclude, --setting, --remove-setting, --replica-identity, --max-event-bytes, --partitions");
		}
		JsonNode answer = bridge().patch(path(this.name), update);
		if (this.output.json()) {
			this.output.printJson(answer);
			return;
		}
		Connector connector = connector(answer);
		this.output.out().println("Updated " + ConnectorView.statusLine(connector));
		this.output.out()
			.println(
					"  tables: " + String.join(", ", connector.tables().stream().map(Connector.Table::table).toList()));
		this.output.out().println("  excluded columns: " + String.join(", ", connector.excludedColumns()));
		this.output.out().println("  settings: " + String.join(", ", ConnectorView.settings(connector.settings())));
		this.output.out().flush();
	}

	private static void putIfAny(Map<String, Object> update, String key, Object value) {
		if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
			update.put(key, value);
		}
	}

}
