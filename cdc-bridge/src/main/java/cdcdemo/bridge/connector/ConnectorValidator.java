package cdcdemo.bridge.connector;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.postgresql.Driver;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;
import cdcdemo.bridge.connector.connect.ConnectClusters;
import cdcdemo.bridge.connector.definition.ColumnName;
import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

/**
 * Checks a connector request against the database and Kafka before anything is created,
 * and says which field is at fault: the database is reachable as that role,
 * {@code wal_level} is logical, the role may replicate, each table exists and has a
 * primary key, each excluded column exists, the name is free, Kafka answers, the
 * partition count is one a topic can have.
 */
@Component
class ConnectorValidator {

	/**
	 * Slot names allow lower-case letters, digits and underscores, 63 characters at most.
	 */
	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,50}");

	/**
	 * The most partitions a connector's topic may be created with: more is rarely what a
	 * table needs, and each partition costs the brokers files and memory.
	 */
	static final int MAX_PARTITIONS = 1000;

	private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*\\.[A-Za-z_][A-Za-z0-9_$]*");

	private final SourceDatabaseInspector inspector;

	private final KafkaProperties kafka;

	private final ConnectorProperties properties;

	private final ConnectClusters clusters;

	ConnectorValidator(SourceDatabaseInspector inspector, KafkaProperties kafka, ConnectorProperties properties,
			ConnectClusters clusters) {
		this.clusters = clusters;
		this.inspector = inspector;
		this.kafka = kafka;
		this.properties = properties;
	}

	record Validated(ConnectorDefinition definition, SourceDatabaseInspector.SourceShape shape) {
	}

	Validated validate(ConnectorRequest request, Set<String> takenNames) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = StringUtils.hasText(request.name()) ? request.name() : generatedName();
		if (!NAME.matcher(name).matches()) {
			problems.add(new FieldProblem("name",
					"must start with a lower-case letter and hold only lower-case letters, digits and underscores (at most 51)"));
		}
		else if (takenNames.contains(name)) {
			problems.add(new FieldProblem("name", "a connector named '" + name + "' exists already"));
		}
		ConnectorDefinition.SourceDatabase source = source(request.source(), problems);
		String bootstrapServers = bootstrapServers(request.store(), problems);
		List<String> tables = (request.tables() != null) ? request.tables() : List.of();
		if (tables.isEmpty()) {
			problems.add(new FieldProblem("tables", "name at least one table, as schema.table"));
		}
		for (int i = 0; i < tables.size(); i++) {
			if (tables.get(i) == null || !TABLE.matcher(tables.get(i)).matches()) {
				problems.add(new FieldProblem("tables[" + i + "]", "'" + tables.get(i) + "' is not schema.table"));
			}
		}
		List<String> excluded = (request.excludedColumns() != null) ? request.excludedColumns() : List.of();
		for (int i = 0; i < excluded.size(); i++) {
			String column = excluded.get(i);
			if (ColumnName.tryParse(column).filter((parsed) -> tables.contains(parsed.table().toString())).isEmpty()) {
				problems.add(new FieldProblem("excludedColumns[" + i + "]",
						"'" + column + "' is not schema.table.column of a captured table"));
			}
		}
		String publication = StringUtils.hasText(request.publication()) ? request.publication() : name + "_publication";
		SourceDatabaseInspector.SourceShape shape = null;
		if (source != null) {
			shape = inspect(source, tables, excluded, StringUtils.hasText(request.publication()) ? publication : null,
					problems);
		}
		if (request.maxEventBytes() != null) {
			maxEventBytes(request.maxEventBytes(), bootstrapServers, problems);
		}
		if (request.partitions() != null && (request.partitions() < 1 || request.partitions() > MAX_PARTITIONS)) {
			problems.add(new FieldProblem("partitions", request.partitions() + " is not between 1 and " + MAX_PARTITIONS
					+ ": the partitions each change topic is created with (leave it out for the broker's default)"));
		}
		String cluster = null;
		try {
			cluster = this.clusters.choose(request.engine(), request.cluster());
		}
		catch (ConnectClusters.Refused ex) {
			problems.add(new FieldProblem(ex.field(), ex.getMessage()));
		}
		if (!problems.isEmpty()) {
			throw new ConnectorValidationException(problems);
		}
		Map<String, String> settings = (request.settings() != null) ? request.settings() : Map.of();
		return new Validated(new ConnectorDefinition(name, source, bootstrapServers, tables, excluded, publication,
				!StringUtils.hasText(request.publication()), settings, false, List.of(), request.maxEventBytes(),
				request.partitions(), cluster), shape);
	}

	/**
	 * A size the store can take: a topic's {@code max.message.bytes} may be set above the
	 * broker's {@code message.max.bytes} (the bridge sets it on its topics), but no
	 * request may exceed the broker's {@code socket.request.max.bytes}, and the producer
	 * needs the event and a batch header in one request.
	 */
	private void maxEventBytes(int bytes, String bootstrapServers, List<FieldProblem> problems) {
		if (bytes < 1024) {
			problems.add(new FieldProblem("maxEventBytes", bytes + " is below 1024 bytes, smaller than most events"));
			return;
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				5000))) {
			for (var node : admin.describeCluster().nodes().get(6, TimeUnit.SECONDS)) {
				var broker = new org.apache.kafka.common.config.ConfigResource(
						org.apache.kafka.common.config.ConfigResource.Type.BROKER, node.idString());
				var entry = admin.describeConfigs(List.of(broker))
					.all()
					.get(6, TimeUnit.SECONDS)
					.get(broker)
					.get("socket.request.max.bytes");
				long limit = Long.parseLong(entry.value()) - 64 * 1024;
				if (bytes > limit) {
					problems.add(new FieldProblem("maxEventBytes",
							bytes + " bytes do not fit in a request to broker " + node.idString()
									+ ": its socket.request.max.bytes is " + entry.value()
									+ " (an event may be at most " + limit
									+ " bytes there); raise it on the broker or send smaller rows"));
					return;
				}
			}
		}
		catch (Exception ex) {
			problems.add(new FieldProblem("maxEventBytes",
					"cannot read the broker's limits at '" + bootstrapServers + "': " + ex.getMessage()));
		}
	}

	private SourceDatabaseInspector.SourceShape inspect(ConnectorDefinition.SourceDatabase source, List<String> tables,
			List<String> excluded, String existingPublication, List<FieldProblem> problems) {
		SourceDatabaseInspector.SourceShape shape;
		try {
			shape = this.inspector.inspect(source,
					tables.stream().filter((t) -> t != null && TABLE.matcher(t).matches()).toList());
			if (existingPublication != null && !this.inspector.publicationExists(source, existingPublication)) {
				problems.add(new FieldProblem("publication", "no publication '" + existingPublication + "' in "
						+ source.database() + "; leave it out and the bridge creates one"));
			}
		}
		catch (SQLException ex) {
			problems
				.add(new FieldProblem("source.jdbcUrl", "cannot connect as " + source.user() + ": " + ex.getMessage()));
			return null;
		}
		if (!"logical".equals(shape.walLevel())) {
			problems.add(new FieldProblem("source.jdbcUrl", "wal_level is '" + shape.walLevel()
					+ "'; logical decoding needs wal_level=logical (and a server restart)"));
		}
		if (!shape.canReplicate()) {
			problems.add(new FieldProblem("source.user", "role '" + source.user()
					+ "' lacks the REPLICATION attribute: ALTER ROLE " + source.user() + " REPLICATION"));
		}
		for (int i = 0; i < tables.size(); i++) {
			SourceDatabaseInspector.TableShape table = shape.tables().get(tables.get(i));
			if (table == null) {
				continue;
			}
			if (!table.exists()) {
				problems.add(new FieldProblem("tables[" + i + "]",
						"table " + tables.get(i) + " does not exist (or " + source.user() + " cannot see it)"));
			}
			else if (table.primaryKey().isEmpty()) {
				problems.add(new FieldProblem("tables[" + i + "]",
						"table " + tables.get(i) + " has no primary key; events need one for their key"));
			}
		}
		for (int i = 0; i < excluded.size(); i++) {
			String column = excluded.get(i);
			ColumnName name = ColumnName.tryParse(column).orElse(null);
			if (name == null) {
				continue;
			}
			SourceDatabaseInspector.TableShape table = shape.tables().get(name.table().toString());
			if (table != null && table.exists() && !table.columns().contains(name.column())) {
				problems.add(new FieldProblem("excludedColumns[" + i + "]", "column " + column + " does not exist"));
			}
			else if (table != null && table.primaryKey().contains(name.column())) {
				problems.add(new FieldProblem("excludedColumns[" + i + "]",
						"column " + column + " is part of the primary key, which every event carries"));
			}
		}
		return shape;
	}

	/**
	 * Read a request's source: a configured datasource by name, or a JDBC URL with a
	 * role. Package-private for the registry too, which lists a source's tables before
	 * there is a request to validate, with the same rules and messages.
	 * @param source the request's source, or {@code null}
	 * @param problems where a problem is added
	 * @return the source database; {@code null} when a problem was added
	 */
	ConnectorDefinition.SourceDatabase source(ConnectorRequest.Source source, List<FieldProblem> problems) {
		if (source != null && StringUtils.hasText(source.datasource())) {
			return this.properties.datasource(source.datasource())
				.map((named) -> new ConnectorDefinition.SourceDatabase(named.host(), named.port(), named.database(),
						named.user(), named.password()))
				.orElseGet(() -> {
					problems.add(new FieldProblem("source.datasource",
							"no datasource named '" + source.datasource() + "'; configured: default"
									+ this.properties.datasources()
										.keySet()
										.stream()
										.sorted()
										.map((name) -> ", " + name)
										.reduce("", String::concat)));
					return null;
				});
		}
		if (source == null || !StringUtils.hasText(source.jdbcUrl())) {
			problems.add(new FieldProblem("source.jdbcUrl", "required, e.g. jdbc:postgresql://localhost:5432/users"));
			return null;
		}
		Properties url = Driver.parseURL(source.jdbcUrl(), new Properties());
		if (url == null || !source.jdbcUrl().startsWith("jdbc:postgresql:")) {
			problems.add(new FieldProblem("source.jdbcUrl",
					"'" + source.jdbcUrl() + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)"));
			return null;
		}
		if (!StringUtils.hasText(source.user())) {
			problems.add(new FieldProblem("source.user", "required: a role with REPLICATION and SELECT on the tables"));
			return null;
		}
		return new ConnectorDefinition.SourceDatabase(url.getProperty("PGHOST").split(",")[0],
				Integer.parseInt(url.getProperty("PGPORT").split(",")[0]), url.getProperty("PGDBNAME"), source.user(),
				(source.password() != null) ? source.password() : "");
	}

	private String bootstrapServers(ConnectorRequest.Store store, List<FieldProblem> problems) {
		if (store == null || !StringUtils.hasText(store.bootstrapServers())) {
			return String.join(",", this.kafka.getBootstrapServers());
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, store.bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				5000))) {
			admin.describeCluster().clusterId().get(Duration.ofSeconds(6).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			problems.add(new FieldProblem("store.bootstrapServers",
					"Kafka at '" + store.bootstrapServers() + "' did not answer: " + ex.getMessage()));
		}
		return store.bootstrapServers();
	}

	private static String generatedName() {
		return "connector_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

}
