package cdcdemo.bridge.connector.engine;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a committed position is, read from the keys Debezium 3's PostgreSQL connector
 * writes in it (positions copied from a run of the bridge).
 */
class OffsetsTopicTests {

	private static final String STREAMING = """
			{"transaction_id":null,"lsn_proc":26589336,"messageType":"INSERT","lsn":26589336,"txId":771,
			"ts_usec":1795577334190123}""";

	private static final String INITIAL = """
			{"last_snapshot_record":false,"lsn":26586712,"txId":768,"ts_usec":1795577334000000,
			"snapshot":"INITIAL","snapshot_completed":false}""";

	private static final String INITIAL_LAST_ROW = """
			{"last_snapshot_record":true,"lsn":26586712,"txId":768,"ts_usec":1795577334000000,
			"snapshot":"INITIAL","snapshot_completed":false}""";

	private static final String BLOCKING = """
			{"last_snapshot_record":false,"lsn":26590000,"txId":772,"ts_usec":1795577335000000,
			"snapshot":"BLOCKING","snapshot_completed":false}""";

	@Test
	void aPositionInsideTheInitialSnapshotIsInASnapshotUntilItsLastRow() {
		assertThat(OffsetsTopic.inSnapshot(json(INITIAL), true)).isTrue();
		assertThat(OffsetsTopic.inSnapshot(json(INITIAL), false)).isTrue();
		assertThat(OffsetsTopic.inSnapshot(json(INITIAL_LAST_ROW), false)).isFalse();
		assertThat(OffsetsTopic.inSnapshot(json(STREAMING), false)).isFalse();
	}

	@Test
	void anOnDemandSnapshotCountsOnlyWhenAsked() {
		assertThat(OffsetsTopic.inSnapshot(json(BLOCKING), true)).as("not the initial snapshot").isFalse();
		assertThat(OffsetsTopic.inSnapshot(json(BLOCKING), false)).isTrue();
	}

	@Test
	void olderVersionsWroteTrue() {
		assertThat(OffsetsTopic.inSnapshot(json("{\"snapshot\":true,\"last_snapshot_record\":false}"), true)).isTrue();
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

}
