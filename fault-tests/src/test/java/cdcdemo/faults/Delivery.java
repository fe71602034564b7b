package cdcdemo.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.ChangeEventReader;
import cdcdemo.events.MalformedChangeEventException;
import cdcdemo.faults.UserChanges.Change;

/**
 * What reached the users topic, held against the ledger of committed changes. Each
 * committed change should appear as one record: an insert as {@code op=c} with its
 * {@code last_name}, an update as {@code op=u} with its, a delete as {@code op=d}
 * followed by a tombstone. A change with no record is lost; a record seen more than once
 * is a duplicate; a record of the scenario's users that no committed change explains is
 * unexpected. The last record of each user must be its last change (a delete: the
 * tombstone).
 *
 * @param committed changes committed
 * @param delivered committed changes with at least one record
 * @param missingTombstones deletes without a tombstone
 * @param duplicates records beyond the first of the same change (tombstones included)
 * @param unexpected records of the scenario's users that no committed change explains
 * @param wrongFinalState users whose last record is not their last change
 * @param lastFirstArrival the broker timestamp of the last change to arrive for the first
 * time
 * @param firstArrivals broker timestamps of each record's first arrival, for bounds on
 * duplicates
 */
record Delivery(int committed, int delivered, int missingTombstones, int duplicates, int unexpected,
		List<Long> wrongFinalState, Instant lastFirstArrival, List<Instant> firstArrivals) {

	private static final ChangeEventReader reader = new ChangeEventReader(JsonMapper.builder().build());

	private static final JsonMapper json = JsonMapper.builder().build();

	int lost() {
		return this.committed - this.delivered;
	}

	boolean complete() {
		return lost() == 0 && this.missingTombstones == 0;
	}

	/** The columns of a user row this count needs. */
	record UserRow(Long id, @JsonProperty("last_name") String lastName) {
	}

	/**
	 * A record's meaning: which user, and {@code c:v0}, {@code u:v3}, {@code d} or
	 * {@code tombstone}.
	 */
	record Key(long userId, String what) {

		static Key of(Change change) {
			return switch (change.kind()) {
				case INSERT -> new Key(change.userId(), "c:" + change.lastName());
				case UPDATE -> new Key(change.userId(), "u:" + change.lastName());
				case DELETE -> new Key(change.userId(), "d");
			};
		}

	}

	static Delivery of(List<Change> committedChanges, Set<Long> userIds, List<ConsumerRecord<String, String>> records) {
		Map<Key, Integer> expected = new LinkedHashMap<>();
		Map<Long, Key> lastChange = new HashMap<>();
		for (Change change : committedChanges) {
			expected.put(Key.of(change), 0);
			lastChange.put(change.userId(), Key.of(change));
			if (change.kind() == UserChanges.Kind.DELETE) {
				expected.put(new Key(change.userId(), "tombstone"), 0);
				lastChange.put(change.userId(), new Key(change.userId(), "tombstone"));
			}
		}
		Map<Long, Key> lastRecord = new HashMap<>();
		List<Instant> firstArrivals = new ArrayList<>();
		int unexpected = 0;
		Instant lastFirstArrival = null;
		for (ConsumerRecord<String, String> record : records) {
			Key key = keyOf(record);
			if (key == null || !userIds.contains(key.userId())) {
				continue;
			}
			lastRecord.put(key.userId(), key);
			Integer seen = expected.get(key);
			if (seen == null) {
				unexpected++;
				continue;
			}
			expected.put(key, seen + 1);
			if (seen == 0) {
				Instant arrival = Instant.ofEpochMilli(record.timestamp());
				firstArrivals.add(arrival);
				lastFirstArrival = (lastFirstArrival == null || arrival.isAfter(lastFirstArrival)) ? arrival
						: lastFirstArrival;
			}
		}
		int delivered = 0;
		int missingTombstones = 0;
		int duplicates = 0;
		for (Map.Entry<Key, Integer> entry : expected.entrySet()) {
			boolean tombstone = entry.getKey().what().equals("tombstone");
			if (entry.getValue() > 0 && !tombstone) {
				delivered++;
			}
			if (entry.getValue() == 0 && tombstone) {
				missingTombstones++;
			}
			duplicates += Math.max(0, entry.getValue() - 1);
		}
		int committedCount = committedChanges.size();
		List<Long> wrongFinalState = lastChange.entrySet()
			.stream()
			.filter((e) -> !e.getValue().equals(lastRecord.get(e.getKey())))
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
		return new Delivery(committedCount, delivered, missingTombstones, duplicates, unexpected, wrongFinalState,
				lastFirstArrival, firstArrivals);
	}

	/**
	 * @return the record's meaning, {@code null} for one that is not a change event of a
	 * user (poison, say)
	 */
	private static Key keyOf(ConsumerRecord<String, String> record) {
		try {
			long userId = (record.key() != null) ? json.readTree(record.key()).path("payload").path("id").asLong(-1)
					: -1;
			if (userId < 0) {
				return null;
			}
			return reader.read(record.value(), UserRow.class)
				.map((event) -> keyOf(userId, event))
				.orElse(new Key(userId, "tombstone"));
		}
		catch (JacksonException | MalformedChangeEventException ex) {
			return null;
		}
	}

	private static Key keyOf(long userId, ChangeEvent<UserRow> event) {
		return switch (event.operation()) {
			case CREATE -> new Key(userId, "c:" + event.after().lastName());
			case UPDATE -> new Key(userId, "u:" + event.after().lastName());
			case DELETE -> new Key(userId, "d");
			default -> new Key(userId, event.operation().name().toLowerCase());
		};
	}

}
