package cdcdemo.bridge.charts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A connector's recent past as {@code GET /api/connectors/{name}/history} answers it and
 * the bridge page draws it: one entry a sample, oldest first, in lists of the same
 * length. A {@code null} is a figure that was not measured, never a zero: events/s while
 * the connector is paused or failed, retained WAL while its slot or database cannot be
 * asked, the lag while it does not stream. Where samples are missing (the bridge was
 * stopped, or could not sample), an entry whose figures are all {@code null} marks the
 * gap, one interval after the last sample before it, so that a chart breaks its line
 * there instead of joining the samples around it. Samples from before a restart of the
 * bridge are not kept.
 *
 * @param connector the connector
 * @param from the start of the window ({@code cdc.charts.window} before {@code to})
 * @param to when the history was read
 * @param intervalSeconds how often samples are taken ({@code cdc.charts.interval})
 * @param timestamps when each sample was taken
 * @param eventsPerSecond events acknowledged per second, over the ten seconds before each
 * sample
 * @param retainedWalBytes the WAL its slot held back
 * @param millisBehindSource how far streaming lagged behind the database's commits
 */
record ConnectorHistory(String connector, Instant from, Instant to, long intervalSeconds, List<Instant> timestamps,
		List<Double> eventsPerSecond, List<Long> retainedWalBytes, List<Long> millisBehindSource) {

	ConnectorHistory {
		timestamps = List.copyOf(timestamps);
		eventsPerSecond = unmodifiable(eventsPerSecond);
		retainedWalBytes = unmodifiable(retainedWalBytes);
		millisBehindSource = unmodifiable(millisBehindSource);
	}

	/** {@link List#copyOf} refuses nulls, which are what this history marks gaps with. */
	private static <T> List<T> unmodifiable(List<T> values) {
		return Collections.unmodifiableList(new ArrayList<>(values));
	}

}
