package cdcdemo.faults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every scenario asserts of the users topic: every committed change is there,
 * nothing else is, and each user's last record is their last change.
 */
final class Assertions {

	private Assertions() {
	}

	static void assertCompleteAndInOrder(Delivery delivery) {
		assertThat(delivery.lost()).as("committed changes with no record on the topic").isZero();
		assertThat(delivery.duplicates()).as("records a read_committed reader got twice (the bridge is exactly-once)")
			.isZero();
		assertThat(delivery.missingTombstones()).as("deletes without a tombstone").isZero();
		assertThat(delivery.unexpected()).as("records no committed change explains").isZero();
		assertThat(delivery.wrongFinalState()).as("users whose last record is not their last change").isEmpty();
	}

}
