package cdcdemo.bridge.connector;

import java.sql.SQLException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.engine.OffsetsTopic;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

/**
 * On-demand snapshots of a connector's tables: asking for one (of a whole table or of the
 * rows matching a condition) and stopping one in progress. The requests go through
 * {@link SnapshotSignals}; what was asked and stopped is kept by
 * {@link OnDemandSnapshots}; the engine is stopped and started by the
 * {@link ConnectorRegistry}.
 */
@Component
public class ConnectorSnapshots {

	private static final Logger log = LoggerFactory.getLogger(ConnectorSnapshots.class);

	private final ConnectorRegistry registry;

	private final ConnectorProperties properties;

	private final ConnectorRuntimes runtimes;

	private final SnapshotSignals signals;

	private final SourceDatabaseInspector inspector;

	private final OnDemandSnapshots onDemand;

	ConnectorSnapshots(ConnectorRegistry registry, ConnectorProperties properties, ConnectorRuntimes runtimes,
			SnapshotSignals signals, SourceDatabaseInspector inspector, OnDemandSnapshots onDemand) {
		this.registry = registry;
		this.properties = properties;
		this.runtimes = runtimes;
		this.signals = signals;
		this.inspector = inspector;
		this.onDemand = onDemand;
	}

	/**
	 * Ask a connector to read again the rows of a table that match a condition (see
	 * {@link SnapshotSignals#snapshot}); PostgreSQL checks the condition first, as the
	 * connector's role, so a mistyped one is refused here rather than failing the
	 * connector's snapshot.
	 * @param name the connector
	 * @param table one of its tables
	 * @param where a condition as SQL, or {@code null} or blank for every row
	 * @return what was requested
	 */
	public String snapshot(String name, String table, String where) {
		ConnectorDefinition definition = this.registry.definition(name);
		String condition = StringUtils.hasText(where) ? where.strip() : null;
		boolean captured = table != null && definition.tables().contains(table);
		String query = null;
		if (condition != null && captured) {
			List<String> excluded = definition.excludedColumnsOf(table);
			try {
				query = this.inspector.partialSnapshotQuery(definition.source(), table, excluded, condition);
			}
			catch (SQLException ex) {
				throw new ConnectorValidationException(List.of(new ConnectorValidationException.FieldProblem("where",
						"PostgreSQL refuses `" + condition + "` on " + table + ": " + ex.getMessage())));
			}
		}
		if (captured) {
			this.onDemand.requesting(name);
		}
		return this.signals.snapshot(definition, table, condition, query);
	}

	/**
	 * Stop the on-demand snapshot a connector is taking (see
	 * {@link SnapshotSignals#snapshot}), by stopping its engine and starting it again
	 * with the same definition.
	 * <p>
	 * Debezium 3.6.1 cannot stop a blocking snapshot any other way: its
	 * {@code stop-snapshot} signal acts on incremental snapshots only (its
	 * {@code StopSnapshot} action has no case for {@code BLOCKING}; a blocking snapshot
	 * runs to its end unless the connector's task stops). And the snapshots here are
	 * blocking ones, for the reason {@link SnapshotSignals#snapshot} gives. A task that
	 * stops mid-way ends the snapshot's read at its next row; the next engine does not
	 * take a blocking snapshot up again (only an initial one), and streams from the
	 * position streaming had paused at, which the snapshot's events carried. So the rows
	 * read so far were published as {@code op=r} events, the rest are not read again, and
	 * the changes made while the table was read arrive once the engine streams again.
	 * Before it starts, the stopped snapshot is taken out of its committed position
	 * ({@link OffsetsTopic#endBlockingSnapshot}), or Debezium would mark the changes it
	 * streams as snapshot reads. Its signal is not read again either: the engine's signal
	 * consumer commits its position when it closes.
	 * <p>
	 * Refused while the connector takes its initial snapshot (or has no committed
	 * position yet): Debezium would take that one again from its first row.
	 * @param name the connector
	 * @return its info afterwards: its snapshot {@code stopped}, the engine starting
	 * @throws ConnectorStateException if no on-demand snapshot is running
	 */
	public ConnectorInfo stopSnapshot(String name) {
		ConnectorDefinition running = this.registry.definition(name);
		ConnectorInfo.SnapshotInfo snapshot = this.registry.info(name).snapshot();
		if (!"running".equals(snapshot.state())) {
			throw new ConnectorStateException(name + " is taking no snapshot (its snapshot is " + snapshot.state()
					+ "): only a running one can be stopped");
		}
		if (OffsetsTopic.inInitialSnapshot(running.bootstrapServers(), this.properties.offsetsTopic(), name)) {
			throw new ConnectorStateException(name + " is taking its initial snapshot, which cannot be stopped: "
					+ "Debezium would take it again from its first row when the connector starts again; "
					+ "let it end, or destroy the connector");
		}
		ConnectorInfo.StoppedSnapshot stopped = this.onDemand.stopping(name, snapshot.rowsDone());
		ConnectorInfo info = this.registry.restart(name, (definition) -> {
			try {
				OffsetsTopic.endBlockingSnapshot(this.runtimes.producerConfig(definition),
						this.properties.offsetsTopic(), name);
			}
			catch (RuntimeException ex) {
				log.warn("Connector {}: its position still says it is in a snapshot; its next changes may be marked "
						+ "as snapshot reads until another snapshot ends", name, ex);
			}
		});
		log.warn("Connector {}: its snapshot was stopped after {} rows; the connector starts again and streams from "
				+ "where it paused", name, stopped.rowsRead());
		return info;
	}

}
