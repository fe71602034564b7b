package cdcdemo.bridge.connector;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;
import cdcdemo.bridge.connector.definition.ColumnName;
import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.definition.TableName;
import cdcdemo.bridge.connector.postgres.PublicationStatements;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

/**
 * The statements the bridge runs on a source database for its connectors: a publication
 * it owns is created, altered to follow an update and dropped with the connector, replica
 * identities are changed on request, and a destroyed connector's slot is dropped. When
 * the connector's role may not run one, the error names the statement for the tables'
 * owner to run.
 */
@Component
class SourceDdl {

	/** How long a destroy waits for a Kafka Connect task's slot to be released. */
	private static final Duration SLOT_RELEASE = Duration.ofSeconds(15);

	private static final Logger log = LoggerFactory.getLogger(SourceDdl.class);

	private final SourceDatabaseInspector inspector;

	SourceDdl(SourceDatabaseInspector inspector) {
		this.inspector = inspector;
	}

	void createPublication(ConnectorDefinition definition, SourceDatabaseInspector.SourceShape shape) {
		String sql = PublicationStatements.of(definition, shape).create();
		try {
			this.inspector.execute(definition.source(), sql);
		}
		catch (SQLException ex) {
			throw new ConnectorValidationException(List.of(new FieldProblem("publication",
					"role '" + definition.source().user() + "' may not create the publication (" + ex.getMessage()
							+ "). Creating one needs ownership of the tables: ask their owner to run `" + sql
							+ "` and send \"publication\": \"" + definition.publication() + "\"")));
		}
	}

	void alterPublication(ConnectorDefinition updated, SourceDatabaseInspector.SourceShape shape) {
		try {
			this.inspector.execute(updated.source(), PublicationStatements.of(updated, shape).alter());
		}
		catch (SQLException ex) {
			throw new ConnectorValidationException(List.of(new FieldProblem("tables",
					"cannot alter publication " + updated.publication() + ": " + ex.getMessage())));
		}
	}

	/**
	 * The ALTER TABLE statements for the replica identities asked for, run after the
	 * publication is altered. REPLICA IDENTITY FULL writes every column of the old row to
	 * the WAL, and PostgreSQL refuses updates and deletes on a table published with a
	 * column list: with excluded columns it would break the monolith's writes, so it is
	 * refused here.
	 * @param definition the connector as it is
	 * @param excluded its excluded columns after the update
	 * @param identities table to {@code default} or {@code full}; {@code null} for none
	 * @return the statements
	 * @throws ConnectorValidationException naming each table whose change is refused
	 */
	static List<String> replicaIdentityChanges(ConnectorDefinition definition, List<String> excluded,
			Map<String, String> identities) {
		if (identities == null || identities.isEmpty()) {
			return List.of();
		}
		List<FieldProblem> problems = new ArrayList<>();
		List<String> statements = new ArrayList<>();
		identities.forEach((table, identity) -> {
			String field = "replicaIdentity." + table;
			if (!definition.tables().contains(table)) {
				problems.add(new FieldProblem(field, "'" + table + "' is not one of the connector's tables"));
			}
			else if (!"default".equalsIgnoreCase(identity) && !"full".equalsIgnoreCase(identity)) {
				problems.add(new FieldProblem(field, "'" + identity + "' is not default or full"));
			}
			else if ("full".equalsIgnoreCase(identity) && excluded.stream()
				.anyMatch((c) -> ColumnName.tryParse(c).map((column) -> column.isOf(table)).orElse(false))) {
				problems.add(new FieldProblem(field, "REPLICA IDENTITY FULL puts every column of " + table
						+ " in the WAL and needs them all in the publication, excluded ones too; PostgreSQL would then"
						+ " refuse updates and deletes on the table. Remove its excluded columns first"));
			}
			else {
				statements.add(PublicationStatements.replicaIdentity(TableName.parse(table), identity));
			}
		});
		if (!problems.isEmpty()) {
			throw new ConnectorValidationException(problems);
		}
		return statements;
	}

	void changeReplicaIdentities(ConnectorDefinition.SourceDatabase source, List<String> statements) {
		for (String statement : statements) {
			try {
				this.inspector.execute(source, statement);
			}
			catch (SQLException ex) {
				throw new ConnectorValidationException(
						List.of(new FieldProblem("replicaIdentity", "role '" + source.user() + "' may not change it ("
								+ ex.getMessage() + "); ask the table's owner to run `" + statement + "`")));
			}
		}
	}

	/**
	 * What dropping a destroyed connector's slot and publication did.
	 *
	 * @param slot whether its replication slot was dropped
	 * @param publication whether its publication was dropped (only one the bridge
	 * created)
	 */
	record Dropped(boolean slot, boolean publication) {
	}

	/**
	 * Drop a destroyed connector's slot, and its publication if the bridge created it; a
	 * database that cannot be reached leaves them, with a warning in the log.
	 * @param definition the connector
	 * @return what was dropped
	 */
	Dropped drop(ConnectorDefinition definition) {
		boolean slotDropped = false;
		boolean publicationDropped = false;
		try {
			slotDropped = this.inspector.dropSlot(definition.source(), definition.slotName());
			// a Kafka Connect task that has just stopped may hold its replication
			// connection for a moment longer: its slot is active until PostgreSQL has
			// seen
			// the walsender end
			long deadline = System.nanoTime() + SLOT_RELEASE.toNanos();
			while (!slotDropped && !definition.embedded() && System.nanoTime() < deadline
					&& this.inspector.retainedWalBytes(definition.source(), definition.slotName()) != null) {
				TimeUnit.MILLISECONDS.sleep(200);
				slotDropped = this.inspector.dropSlot(definition.source(), definition.slotName());
			}
			if (definition.publicationOwned()) {
				this.inspector.execute(definition.source(), PublicationStatements.of(definition.publication()).drop());
				publicationDropped = true;
			}
		}
		catch (SQLException ex) {
			log.warn("Connector {} destroyed, but its slot or publication could not be dropped", definition.name(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return new Dropped(slotDropped, publicationDropped);
	}

}
