package cdcdemo.bridge.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * How one connector's retained WAL moved over the last window (5 minutes by default): a
 * slot that holds back more and more WAL warns long before it reaches the threshold,
 * while there is still time to act. It warns when every sample of a full window was
 * larger than the one before, and at that rate the threshold is less than a horizon (an
 * hour by default) away. A busy connector whose slot follows the WAL goes up and down, so
 * it does not warn. It keeps one sample per {@code every} (30 s by default) of those it
 * is given, and two windows of them.
 */
final class WalTrend {

	private record Sample(Instant at, long bytes) {
	}

	private final Deque<Sample> samples = new ArrayDeque<>();

	private final Duration every;

	private final Duration window;

	private final Duration horizon;

	/**
	 * @param every how far apart the samples kept are at least (30 s by default): a
	 * sample taken sooner after the last one kept is left out
	 * @param window how long every sample must have grown (5 min by default)
	 * @param horizon how soon the threshold must be reached at that rate (1 h by default)
	 */
	WalTrend(Duration every, Duration window, Duration horizon) {
		this.every = every;
		this.window = window;
		this.horizon = horizon;
	}

	synchronized void record(Instant at, long bytes) {
		Sample last = this.samples.peekLast();
		if (last != null && Duration.between(last.at(), at).compareTo(this.every) < 0) {
			return;
		}
		this.samples.addLast(new Sample(at, bytes));
		while (this.samples.size() > 2
				&& Duration.between(this.samples.peekFirst().at(), at).compareTo(this.window.plus(this.window)) > 0) {
			this.samples.removeFirst();
		}
	}

	/**
	 * @param threshold the retained bytes that make the connector's health WARNING
	 * @return a sentence saying how fast the slot grows and when it reaches the
	 * threshold, or {@code null} if it does not grow steadily, or is already over the
	 * threshold (which warns on its own), or will not reach it soon
	 */
	synchronized String warning(long threshold) {
		if (this.samples.size() < 3) {
			return null;
		}
		Sample last = this.samples.peekLast();
		Sample first = null;
		Sample later = null;
		for (Iterator<Sample> newestFirst = this.samples.descendingIterator(); newestFirst.hasNext();) {
			Sample sample = newestFirst.next();
			if (later != null && sample.bytes() >= later.bytes()) {
				return null;
			}
			later = sample;
			first = sample;
			if (Duration.between(sample.at(), last.at()).compareTo(this.window) >= 0) {
				break;
			}
		}
		Duration span = Duration.between(first.at(), last.at());
		if (span.compareTo(this.window) < 0 || last.bytes() >= threshold) {
			return null;
		}
		double bytesPerSecond = (last.bytes() - first.bytes()) / (span.toMillis() / 1000.0);
		double secondsLeft = (threshold - last.bytes()) / bytesPerSecond;
		if (secondsLeft > this.horizon.toSeconds()) {
			return null;
		}
		return String.format(java.util.Locale.ROOT,
				"the slot's retained WAL grew in every sample for %s, by %,.0f bytes/min (now %,d): at this rate it "
						+ "passes the %,d-byte warning in %d min. Is the connector stopped, paused or failing?",
				(span.toMinutes() > 0) ? span.toMinutes() + " min" : span.toSeconds() + " s", bytesPerSecond * 60,
				last.bytes(), threshold, Math.round(secondsLeft / 60));
	}

}
