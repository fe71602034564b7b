package cdcdemo.messages.list;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import cdcdemo.messages.list.KeyIndex.Lookup;

import static org.assertj.core.api.Assertions.assertThat;

class KeyIndexTests {

	private static final TopicPartition P0 = new TopicPartition("monolith.public.users", 0);

	private static final TopicPartition P1 = new TopicPartition("monolith.public.users", 1);

	@Test
	void givesTheOffsetsOfAKeyOldestFirstPerPartition() {
		KeyIndex index = index(100);
		index.startFromBeginning(P0);
		index.startFromBeginning(P1);
		index.add(P0, 10, "{\"id\":1}");
		index.add(P0, 11, "{\"id\":2}");
		index.add(P1, 3, "{\"id\":1}");
		index.add(P0, 15, "{\"id\":1}");
		index.readUpTo(P0, 17);

		Lookup lookup = index.lookup(P0, "{\"id\":1}").orElseThrow();

		assertThat(lookup.offsets()).containsExactly(10, 15);
		assertThat(lookup.coveredUpTo()).as("past a transaction marker at 16").isEqualTo(17);
		assertThat(index.lookup(P1, "{\"id\":1}").orElseThrow().offsets()).containsExactly(3);
		assertThat(index.lookup(P0, "{\"id\":3}").orElseThrow().offsets()).isEmpty();
		assertThat(index.records()).isEqualTo(4);
		assertThat(index.bytes()).isPositive();
	}

	@Test
	void knowsNothingOfAPartitionItDidNotReadFromTheBeginning() {
		KeyIndex index = index(100);
		index.add(P0, 10, "{\"id\":1}");

		assertThat(index.lookup(P0, "{\"id\":1}")).isEmpty();
		assertThat(index.coveredUpTo(P0)).isEqualTo(-1);
	}

	@Test
	void stopsCoveringAtItsBoundSoThatTheRestIsScanned() {
		KeyIndex index = index(3);
		index.startFromBeginning(P0);
		for (long offset = 0; offset < 10; offset++) {
			index.add(P0, offset, "{\"id\":" + (offset % 2) + "}");
			index.readUpTo(P0, offset + 1);
		}

		Lookup lookup = index.lookup(P0, "{\"id\":0}").orElseThrow();

		assertThat(lookup.offsets()).containsExactly(0, 2);
		assertThat(lookup.coveredUpTo()).isEqualTo(3);
		assertThat(index.records()).isEqualTo(3);
	}

	@Test
	void startsAgainWhenThePartitionIsReadAgainFromTheBeginning() {
		KeyIndex index = index(100);
		index.startFromBeginning(P0);
		index.add(P0, 0, "{\"id\":1}");
		index.startFromBeginning(P0);
		index.add(P0, 0, "{\"id\":1}");

		assertThat(index.lookup(P0, "{\"id\":1}").orElseThrow().offsets()).containsExactly(0);
		assertThat(index.records()).isEqualTo(1);
	}

	@Test
	void costsAboutEightBytesPerRecordPlusSixteenPerKey() {
		KeyIndex index = index(1_000_000);
		index.startFromBeginning(P0);
		for (long offset = 0; offset < 100_000; offset++) {
			index.add(P0, offset, "{\"id\":" + (offset % 10_000) + "}");
		}

		assertThat(index.lookup(P0, "{\"id\":42}").orElseThrow().offsets()).hasSize(10).startsWith(42, 10_042);
		// 100,000 records and 10,000 keys, arrays grown by doubling
		assertThat(index.bytes()).isBetween(800_000L + 160_000L, 2 * (800_000L + 160_000L) + 64L * 1024);
	}

	private static KeyIndex index(long maxRecords) {
		MessagesProperties defaults = MessagesProperties.of("unused:9092", List.of("monolith.public.users"), 200);
		return new KeyIndex(new MessagesProperties(defaults.bootstrapServers(), defaults.topics(), defaults.capacity(),
				defaults.discoveryInterval(), defaults.pollTimeout(), defaults.historyMaxRecords(),
				defaults.readTimeout(), maxRecords, MessagesProperties.DEFAULT_EXCLUDED_TOPICS));
	}

}
