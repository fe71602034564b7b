package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitility.core.ConditionTimeoutException;

import cdcdemo.faults.UserChanges.Change;
import cdcdemo.platform.apps.PlatformApps;
import cdcdemo.testsupport.kafka.TopicReader;

import static org.awaitility.Awaitility.await;

/**
 * What every scenario does around its fault: commit a known set of changes at a steady
 * pace (the fault is injected while they are being committed), wait until each committed
 * change is on the users topic or a generous time has passed, count, and report one line.
 * The size is {@code -Dfaults.changes} (default 1000, the full form 10000), the pace
 * {@code -Dfaults.rate} changes per second (default 250).
 */
final class FaultScenario {

	static final int CHANGES = Integer.getInteger("faults.changes", 1000);

	static final int RATE = Integer.getInteger("faults.rate", 250);

	private final FaultPlatform platform;

	private final String name;

	private final UserChanges changes;

	private final Set<Long> userIds = new LinkedHashSet<>();

	private final long startOffset;

	private final ChangeWriter writer;

	private CompletableFuture<Void> writing;

	/**
	 * @param platform the platform
	 * @param name the scenario, as it is reported
	 * @param firstId the first of the scenario's own user ids
	 */
	FaultScenario(FaultPlatform platform, String name, long firstId) {
		this.platform = platform;
		this.name = name;
		this.changes = UserChanges.of(CHANGES, firstId);
		this.changes.changes().forEach((change) -> this.userIds.add(change.userId()));
		this.startOffset = TopicReader.endOffset(platform.bootstrapServers(), PlatformApps.USERS_TOPIC);
		this.writer = new ChangeWriter(platform.usersDatabase(), this.changes, RATE);
		platform.mail().purge();
	}

	void startWriting() {
		this.writing = this.writer.start();
	}

	/** Wait until this share of the changes is committed: where the fault goes in. */
	void awaitCommitted(double share) {
		int count = (int) Math.ceil(CHANGES * share);
		await().atMost(writingTime()).until(() -> this.writer.committedCount() >= count || this.writing.isDone());
		if (this.writing.isCompletedExceptionally()) {
			this.writing.join();
		}
	}

	boolean written() {
		return this.writing.isDone();
	}

	void awaitWritten() {
		try {
			this.writing.get(writingTime().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("the changes of " + this.name + " were not all committed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Duration writingTime() {
		return Duration.ofSeconds(CHANGES / RATE).plusMinutes(5);
	}

	/**
	 * Read the topic until every committed change is there, or until a bound that only a
	 * real loss exceeds.
	 * @return what was delivered (with the losses, if any)
	 */
	Delivery awaitDelivered() {
		List<Change> committed = this.writer.committed();
		try (TopicReader reader = TopicReader.from(this.platform.bootstrapServers(), PlatformApps.USERS_TOPIC,
				this.startOffset)) {
			try {
				await().atMost(Duration.ofMinutes(3).plusMillis(20L * CHANGES))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> Delivery.of(committed, this.userIds, reader.catchUp()).complete());
			}
			catch (ConditionTimeoutException ex) {
				// reported below, with what is missing
			}
			return Delivery.of(committed, this.userIds, reader.catchUp());
		}
	}

	/**
	 * What a read_uncommitted reader gets of the same changes: the records of aborted
	 * transactions too.
	 * @return that delivery, read once to the topic's end
	 */
	Delivery deliveredAsReadUncommitted() {
		try (TopicReader reader = TopicReader.from(this.platform.bootstrapServers(), PlatformApps.USERS_TOPIC,
				this.startOffset, "read_uncommitted")) {
			return Delivery.of(this.writer.committed(), this.userIds, reader.catchUp());
		}
	}

	/**
	 * Report the scenario's line.
	 * @param delivery what was delivered
	 * @param faultEnd when the fault ended (the restart began)
	 * @param more scenario-specific figures, in order
	 * @return the line
	 */
	String report(Delivery delivery, Instant faultEnd, Map<String, ?> more) {
		return FaultResults.report(this.name, delivery, recovery(delivery, faultEnd), more);
	}

	String report(Delivery delivery, Duration recovery, Map<String, ?> more) {
		return FaultResults.report(this.name, delivery, recovery, more);
	}

	/** From the end of the fault to the first arrival of the last change to arrive. */
	static Duration recovery(Delivery delivery, Instant faultEnd) {
		if (delivery.lastFirstArrival() == null || delivery.lastFirstArrival().isBefore(faultEnd)) {
			return Duration.ZERO;
		}
		return Duration.between(faultEnd, delivery.lastFirstArrival());
	}

	List<Change> committed() {
		return this.writer.committed();
	}

	ChangeWriter writer() {
		return this.writer;
	}

	/**
	 * @return users inserted and not deleted, whose journey runs to its end
	 */
	Set<Long> keptUsers() {
		Set<Long> kept = new LinkedHashSet<>();
		for (Change change : committed()) {
			switch (change.kind()) {
				case INSERT -> kept.add(change.userId());
				case DELETE -> kept.remove(change.userId());
				default -> {
				}
			}
		}
		return kept;
	}

	/**
	 * @return users inserted and deleted, who are asked why they left
	 */
	Set<Long> deletedUsers() {
		Set<Long> deleted = new HashSet<>();
		committed().stream()
			.filter((change) -> change.kind() == UserChanges.Kind.DELETE)
			.forEach((change) -> deleted.add(change.userId()));
		return deleted;
	}

	Set<Long> userIds() {
		return this.userIds;
	}

}
