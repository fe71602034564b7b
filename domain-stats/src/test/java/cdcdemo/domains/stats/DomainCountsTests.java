package cdcdemo.domains.stats;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.ChangeEventReader;
import cdcdemo.events.Operation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counting rules, on change events shaped like cdc-bridge's, read by the same reader
 * the listener uses.
 */
class DomainCountsTests {

	private final ChangeEventReader reader = new ChangeEventReader(JsonMapper.builder().build());

	private final DomainCounts counts = new DomainCounts();

	@Test
	void countsSnapshotReadsAndCreatesPerDomainMostUsersFirst() {
		apply(ChangeEvents.snapshotRead(1, "ada@example.com"));
		apply(ChangeEvents.snapshotRead(2, "grace@navy.mil"));
		apply(ChangeEvents.created(3, "alan@Example.COM"));

		assertThat(this.counts.counts()).containsExactly(new DomainCount("example.com", 2),
				new DomainCount("navy.mil", 1));
	}

	@Test
	void movesAUserWhoseEmailChangesAlthoughTheUpdateHasNoBefore() {
		apply(ChangeEvents.created(1, "ada@example.com"));
		apply(ChangeEvents.created(2, "grace@example.com"));
		apply(ChangeEvents.updated(1, "ada@lovelace.org"));

		assertThat(this.counts.counts()).containsExactly(new DomainCount("example.com", 1),
				new DomainCount("lovelace.org", 1));
	}

	@Test
	void removesADeletedUserFromTheDomainItLastHadAlthoughTheDeleteHoldsOnlyTheKey() {
		apply(ChangeEvents.created(1, "ada@example.com"));
		apply(ChangeEvents.updated(1, "ada@lovelace.org"));
		apply(ChangeEvents.created(2, "grace@lovelace.org"));
		apply(ChangeEvents.deleted(1));
		apply(null);

		assertThat(this.counts.counts()).containsExactly(new DomainCount("lovelace.org", 1));
	}

	@Test
	void reachesTheSameCountsWhenEventsAreDeliveredAgain() {
		String[] events = { ChangeEvents.created(1, "ada@example.com"), ChangeEvents.created(2, "grace@example.com"),
				ChangeEvents.updated(2, "grace@navy.mil"), ChangeEvents.deleted(1), null };
		for (String event : events) {
			apply(event);
			apply(event);
		}
		for (String event : events) {
			apply(event);
		}

		assertThat(this.counts.counts()).containsExactly(new DomainCount("navy.mil", 1));
	}

	@Test
	void forgetsEveryoneOnATruncate() {
		apply(ChangeEvents.created(1, "ada@example.com"));
		this.counts.apply(new ChangeEvent<>(Operation.TRUNCATE, null, null, null, null));

		assertThat(this.counts.counts()).isEmpty();
	}

	@Test
	void saysWhichCountsAnEventChangedAndNoneForAReplay() {
		String created = ChangeEvents.created(1, "ada@example.com");
		assertThat(changes(created)).isEqualTo(Map.of("example.com", 1L));
		assertThat(changes(ChangeEvents.created(2, "grace@example.com"))).isEqualTo(Map.of("example.com", 2L));
		assertThat(changes(created)).as("a replay").isEmpty();
		assertThat(changes(ChangeEvents.updated(1, "ada@lovelace.org")))
			.isEqualTo(Map.of("example.com", 1L, "lovelace.org", 1L));
		assertThat(changes(ChangeEvents.deleted(1))).isEqualTo(Map.of("lovelace.org", 0L));
		assertThat(changes(ChangeEvents.deleted(1))).as("a replayed delete").isEmpty();
		assertThat(this.counts.counts()).containsExactly(new DomainCount("example.com", 1));
	}

	private Map<String, Long> changes(String value) {
		return this.counts.apply(this.reader.read(value, UserRow.class).orElseThrow());
	}

	private void apply(String value) {
		this.reader.read(value, UserRow.class).ifPresent(this.counts::apply);
	}

}
