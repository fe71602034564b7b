package cdcdemo.bridge.connector;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.connect.ConnectClusters;
import cdcdemo.bridge.connector.definition.ColumnName;
import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.engine.ConnectorEngine;
import cdcdemo.bridge.connector.engine.ConnectorRuntime;
import cdcdemo.bridge.connector.engine.DebeziumMetrics;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

/**
 * A running connector as the API and the page show it: its definition and state, what the
 * source database says of its tables, publication and slot, Debezium's own measures, and
 * the warnings all of that calls for. A database that cannot be asked makes a warning,
 * never an error: the info is what an operator looks at when something is wrong.
 */
@Component
class ConnectorInfoAssembler {

	private final SourceDatabaseInspector inspector;

	private final DebeziumMetrics debezium;

	private final long walWarningBytes;

	private final PublicationDrifts drifts;

	private final WalTrends walTrends;

	private final OnDemandSnapshots onDemand;

	ConnectorInfoAssembler(SourceDatabaseInspector inspector, DebeziumMetrics debezium, ConnectorProperties properties,
			PublicationDrifts drifts, WalTrends walTrends, OnDemandSnapshots onDemand) {
		this.onDemand = onDemand;
		this.drifts = drifts;
		this.walTrends = walTrends;
		this.inspector = inspector;
		this.debezium = debezium;
		this.walWarningBytes = properties.walWarningBytes();
	}

	ConnectorInfo info(ConnectorEngine runtime) {
		ConnectorDefinition definition = runtime.definition();
		ConnectorRuntime.Status status = runtime.status();
		List<String> warnings = new ArrayList<>();
		Long retained = null;
		Map<String, String> identities = Map.of();
		String filtered = "bridge";
		try {
			retained = this.inspector.retainedWalBytes(definition.source(), definition.slotName());
			SourceDatabaseInspector.SourceShape shape = this.inspector.inspect(definition.source(),
					definition.tables());
			identities = new HashMap<>();
			for (var table : shape.tables().values()) {
				identities.put(table.name(), table.replicaIdentity());
			}
			Map<String, List<String>> published = this.inspector.publishedColumns(definition.source(),
					definition.publication());
			boolean inPublication = definition.excludedColumns()
				.stream()
				.map(ColumnName::parse)
				.noneMatch((column) -> published.getOrDefault(column.table().toString(), List.of())
					.contains(column.column()));
			filtered = inPublication ? "publication" : "bridge";
			if (!inPublication) {
				warnings.add("publication " + definition.publication() + " sends excluded columns over the replication "
						+ "connection; the bridge drops them"
						+ (shape.supportsColumnLists()
								? ", a publication with a column list would keep them in PostgreSQL"
								: " (PostgreSQL before 15 has no publication column lists)"));
			}
		}
		catch (SQLException ex) {
			warnings.add("cannot inspect the source database: " + ex.getMessage());
		}
		if (retained != null && retained > this.walWarningBytes) {
			warnings.add("the slot holds back " + retained + " bytes of WAL (threshold " + this.walWarningBytes
					+ "); resume or destroy the connector");
		}
		String growing = this.walTrends.warning(definition.name(), this.walWarningBytes);
		if (growing != null) {
			warnings.add(growing);
		}
		ConnectorInfo.SnapshotInfo snapshotInfo = runtime.snapshotFromOffsets()
			.map((state) -> new ConnectorInfo.SnapshotInfo(state, 0, 0, this.onDemand.stopped(definition.name())))
			.orElseGet(() -> snapshot(definition, warnings));
		Long behind = this.debezium.streaming(definition.name())
			.map(DebeziumMetrics.Streaming::millisBehindSource)
			.orElse(null);
		Map<String, String> finalIdentities = identities;
		List<ConnectorInfo.TableInfo> tables = definition.tables()
			.stream()
			.map((table) -> new ConnectorInfo.TableInfo(table, definition.topicOf(table), finalIdentities.get(table),
					ConnectorInfo.TableInfo.beforeImage(finalIdentities.get(table))))
			.toList();
		ConnectorRuntime.Health health = runtime.health();
		if (health.deliveryWarning() != null) {
			warnings.add(health.deliveryWarning());
		}
		List<PublicationDrift> drift = this.drifts.open(definition.name());
		drift.forEach((d) -> warnings.add(d.describe(definition.publication())));
		return new ConnectorInfo(definition.name(), status.state().name().toLowerCase(), status.reason(),
				definition.source().toString(), definition.bootstrapServers(), tables, definition.excludedColumns(),
				filtered, definition.publication(), definition.heartbeatTopic(), definition.settings(),
				runtime.metrics().publishedCount(), runtime.metrics().eventsPerSecond(), runtime.metrics().lastEvent(),
				behind, retained, snapshotInfo,
				new ConnectorInfo.DeliveryInfo(health.delivery(), health.transactions(), health.restarts(),
						health.lastError(), health.lastErrorAt(), health.refused(), definition.skipped(),
						definition.eventLimit(), definition.partitions()),
				drift, this.drifts.fixed(definition.name()), warnings,
				definition.embedded() ? ConnectClusters.EMBEDDED : ConnectClusters.KAFKA_CONNECT,
				definition.connectCluster());
	}

	/**
	 * The snapshot's progress: Debezium counts the rows read, the tables' sizes come from
	 * the database while it runs (once it completed, the rows read are all there were).
	 */
	private ConnectorInfo.SnapshotInfo snapshot(ConnectorDefinition definition, List<String> warnings) {
		long rowsTotal = 0;
		var snapshot = this.debezium.snapshot(definition.name());
		ConnectorInfo.StoppedSnapshot stopped = this.onDemand.stopped(definition.name());
		if ((snapshot.isPresent() && !snapshot.get().completed()) || stopped != null) {
			for (String table : definition.tables()) {
				try {
					rowsTotal += this.inspector.rowCount(definition.source(), table);
				}
				catch (SQLException ex) {
					warnings.add("cannot count the rows of " + table + ": " + ex.getMessage());
				}
			}
		}
		long rowsDone = snapshot.map((s) -> s.rowsScanned().values().stream().mapToLong(Long::longValue).sum())
			.orElse(0L);
		String state = snapshot.map((s) -> s.completed() ? "completed" : s.running() ? "running" : "not-started")
			.orElse("not-started");
		// a stopped snapshot's engine is gone, and the next one reports nothing started
		if (stopped != null && state.equals("not-started")) {
			state = "stopped";
			rowsDone = stopped.rowsRead();
		}
		return new ConnectorInfo.SnapshotInfo(state, rowsDone,
				snapshot.isPresent() && snapshot.get().completed() ? rowsDone : rowsTotal, stopped);
	}

	/**
	 * WAL a connector's slot holds back on its source database.
	 * @param definition the connector
	 * @return the bytes; {@code null} if its slot is gone, or the database cannot be
	 * asked
	 */
	Long retainedWalBytes(ConnectorDefinition definition) {
		try {
			return this.inspector.retainedWalBytes(definition.source(), definition.slotName());
		}
		catch (SQLException ex) {
			return null;
		}
	}

}
