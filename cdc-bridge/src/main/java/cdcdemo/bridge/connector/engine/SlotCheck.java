package cdcdemo.bridge.connector.engine;

import java.sql.SQLException;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

/**
 * Whether a connector may start on its replication slot. One that has a position but
 * whose slot is gone (a DBA's {@code pg_drop_replication_slot}) or invalidated
 * ({@code max_slot_wal_keep_size}) must not: Debezium would create a new slot and stream
 * from its position, and every change in between would be lost without a word.
 */
final class SlotCheck {

	private SlotCheck() {
	}

	/**
	 * @param definition the connector
	 * @param inspector its source database
	 * @param channel its channel, which knows whether it has a committed position
	 * @return the reason to stay failed, or {@code null} if the slot is there (or the
	 * connector has no position yet, or the database cannot be asked: the engine's own
	 * start reports that)
	 */
	static String lostSlot(ConnectorDefinition definition, SourceDatabaseInspector inspector, EventChannel channel) {
		String slot = definition.slotName();
		try {
			String state = inspector.slotState(definition.source(), slot);
			if (!"missing".equals(state) && !"lost".equals(state)) {
				return null;
			}
			if (!channel.hasPosition(definition.bootstrapServers(), definition.name())) {
				return null;
			}
			return "replication slot " + slot + " is "
					+ ("lost".equals(state) ? "invalidated: PostgreSQL removed WAL it held (max_slot_wal_keep_size)"
							: "gone: it was dropped outside the bridge")
					+ ", so the changes since the connector's last position cannot be read. To recover, destroy the"
					+ " connector and create it again: it takes a new snapshot of its tables";
		}
		catch (SQLException ex) {
			return null;
		}
	}

}
