package cdcdemo.cli.connectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/connectors}. The source is a JDBC URL with a role, or the name of a
 * datasource configured in the bridge (which keeps the password out of the command line);
 * the password can come from a file or the environment rather than the command line,
 * where {@code ps} would show it.
 */
@Command(name = "connectors:create", sortOptions = false,
		description = { "Create a connector from a source database, tables and excluded columns.",
				"It snapshots the tables' rows, then streams their changes to Kafka. The bridge checks",
				"everything first (tables, columns, publication, permissions) and says what to fix." },
		footer = { "", "Example:", "  cdc connectors:create audit --source jdbc:postgresql://127.0.0.1:15432/users \\",
				"      --user cdc_bridge --password-file secret.txt --table public.users \\",
				"      --exclude public.users.password --publication monolith_publication" })
class CreateCommand extends ConnectorCommand {

	@Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
			description = "Lower-case letters, digits and underscores, starting with a letter; generated if absent.")
	String name;

	@Option(names = "--source", required = true, paramLabel = "JDBC_URL_OR_NAME",
			description = "jdbc:postgresql://host:port/database, or the name of a datasource configured in the bridge.")
	String source;

	@Option(names = "--user", paramLabel = "ROLE",
			description = "The role to log in to the source as (REPLICATION and SELECT).")
	String user;

	@Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:CDC_SOURCE_PASSWORD}",
			description = "The role's password (env CDC_SOURCE_PASSWORD). Prefer --password-file.")
	String password;

	@Option(names = "--password-file", paramLabel = "FILE", description = "Read the role's password from FILE.")
	Path passwordFile;

	@Option(names = "--store", paramLabel = "BOOTSTRAP",
			description = "The Kafka cluster to write to, host:port[,host:port]; the bridge's own if absent.")
	String store;

	@Option(names = "--table", paramLabel = "SCHEMA.TABLE", required = true,
			description = "A table to capture (repeatable).")
	List<String> tables = new ArrayList<>();

	@Option(names = "--exclude", paramLabel = "SCHEMA.TABLE.COLUMN",
			description = "A column that must never leave PostgreSQL (repeatable).")
	List<String> excludes = new ArrayList<>();

	@Option(names = "--publication", paramLabel = "NAME",
			description = "An existing publication, made by the tables' owner; else the bridge creates one (which needs ownership).")
	String publication;

	@Option(names = "--max-event-bytes", paramLabel = "BYTES",
			description = "The largest change event to publish (default: Kafka's 1 MiB).")
	Integer maxEventBytes;

	@Option(names = "--partitions", paramLabel = "N",
			description = { "Partitions of each change topic, 1 to 1000 (default: the broker's).",
					"Each row's events go to one partition (keyed by its primary key), in order;",
					"a topic that exists keeps its partitions (the connector warns if they differ)." })
	Integer partitions;

	@Option(names = "--engine", paramLabel = "ENGINE",
			description = { "embedded (the default: the bridge's own Debezium engine) or kafka-connect:",
					"the connector then runs on a Kafka Connect cluster the bridge drives." })
	String engine;

	@Option(names = "--cluster", paramLabel = "CLUSTER",
			description = "With --engine kafka-connect: which of the bridge's clusters (optional when it has one).")
	String cluster;

	@Option(names = "--setting", paramLabel = "KEY=VALUE",
			description = "A Debezium PostgreSQL connector property, e.g. tombstones.on.delete=false (repeatable).")
	Map<String, String> settings = new LinkedHashMap<>();

	@Override
	public void run() {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("name", this.name);
		request.put("source", source());
		request.put("store", (this.store != null) ? Map.of("bootstrapServers", this.store) : null);
		request.put("tables", this.tables);
		request.put("excludedColumns", this.excludes);
		request.put("publication", this.publication);
		request.put("settings", this.settings);
		request.put("maxEventBytes", this.maxEventBytes);
		request.put("partitions", this.partitions);
		request.put("engine", this.engine);
		request.put("cluster", this.cluster);
		JsonNode created = bridge().post("api/connectors", request);
		if (this.output.json()) {
			this.output.printJson(created);
			return;
		}
		Connector connector = connector(created);
		this.output.out().println("Creating " + ConnectorView.statusLine(connector));
		this.output.out().println("Follow its snapshot with: cdc connectors:wait " + connector.name());
		this.output.out().flush();
	}

	private Map<String, Object> source() {
		if (!this.source.startsWith("jdbc:")) {
			if (this.user != null || this.passwordFile != null
					|| this.spec.commandLine().getParseResult().hasMatchedOption("--password")) {
				throw new ParameterException(this.spec.commandLine(), "--source " + this.source
						+ " names a datasource configured in the bridge, which has its own role: drop --user and --password");
			}
			return Map.of("datasource", this.source);
		}
		Map<String, Object> jdbc = new LinkedHashMap<>();
		jdbc.put("jdbcUrl", this.source);
		jdbc.put("user", this.user);
		jdbc.put("password", password());
		return jdbc;
	}

	private String password() {
		if (this.passwordFile == null) {
			return this.password;
		}
		if (this.spec.commandLine().getParseResult().hasMatchedOption("--password")) {
			throw new ParameterException(this.spec.commandLine(), "give --password or --password-file, not both");
		}
		try {
			return Files.readString(this.passwordFile).strip();
		}
		catch (IOException ex) {
			throw new ParameterException(this.spec.commandLine(),
					"cannot read --password-file " + this.passwordFile + ": " + ex.getMessage());
		}
	}

}
