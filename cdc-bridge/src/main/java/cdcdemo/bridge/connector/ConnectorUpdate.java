package cdcdemo.bridge.connector;

import java.util.List;
import java.util.Map;

/**
 * A change to a connector. Every part is optional.
 *
 * @param settings Debezium properties to set; a {@code null} value removes the property
 * @param addTables tables to start capturing; their existing rows are snapshotted
 * @param removeTables tables to stop capturing (their topics are kept)
 * @param addExcludedColumns columns to stop sending
 * @param removeExcludedColumns columns to send again
 * @param replicaIdentity tables whose REPLICA IDENTITY to change, to {@code default} or
 * {@code full} (what {@code before} holds in update and delete events)
 * @param maxEventBytes a new largest event size (see
 * {@link ConnectorRequest#maxEventBytes()})
 * @param partitions a new partition count (see {@link ConnectorRequest#partitions()}): it
 * applies to the topics created from then on (a table added later); a topic that exists
 * keeps its count
 */
public record ConnectorUpdate(Map<String, String> settings, List<String> addTables, List<String> removeTables,
		List<String> addExcludedColumns, List<String> removeExcludedColumns, Map<String, String> replicaIdentity,
		Integer maxEventBytes, Integer partitions) {

	public ConnectorUpdate(Map<String, String> settings, List<String> addTables, List<String> removeTables,
			List<String> addExcludedColumns, List<String> removeExcludedColumns, Map<String, String> replicaIdentity,
			Integer maxEventBytes) {
		this(settings, addTables, removeTables, addExcludedColumns, removeExcludedColumns, replicaIdentity,
				maxEventBytes, null);
	}

	static <T> List<T> orEmpty(List<T> list) {
		return (list != null) ? list : List.of();
	}

}
