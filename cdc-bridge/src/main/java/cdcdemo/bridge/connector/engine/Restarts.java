package cdcdemo.bridge.connector.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connector's failures and restarts: the delay before the next start doubles with each
 * failure in a row, from the bridge's restart delay up to {@link #MAX_DELAY}, and goes
 * back to the first delay once a run commits; the count of restarts and the last error
 * are what {@code info} shows.
 */
final class Restarts {

	static final Duration MAX_DELAY = Duration.ofMinutes(1);

	private final Duration firstDelay;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final AtomicInteger count = new AtomicInteger();

	private volatile String lastError;

	private volatile Instant lastErrorAt;

	Restarts(Duration firstDelay) {
		this.firstDelay = firstDelay;
	}

	/**
	 * A failure a restart may cure.
	 * @param reason what happened
	 * @return how long to wait before the restart
	 */
	Duration failedAndRestarting(String reason) {
		record(reason);
		this.count.incrementAndGet();
		int attempt = this.consecutiveFailures.incrementAndGet();
		Duration delay = this.firstDelay.multipliedBy(1L << Math.min(attempt - 1, 16));
		return (delay.compareTo(MAX_DELAY) > 0) ? MAX_DELAY : delay;
	}

	/** A failure a restart would only repeat: recorded, not counted as a restart. */
	void failedForGood(String reason) {
		record(reason);
	}

	/** A run committed: the next failure waits the first delay again. */
	void committed() {
		this.consecutiveFailures.set(0);
	}

	Duration firstDelay() {
		return this.firstDelay;
	}

	int count() {
		return this.count.get();
	}

	String lastError() {
		return this.lastError;
	}

	Instant lastErrorAt() {
		return this.lastErrorAt;
	}

	private void record(String reason) {
		this.lastError = reason;
		this.lastErrorAt = Instant.now();
	}

}
