package cdcdemo.bridge.charts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of each connector's recent past the bridge keeps for its page's charts
 * ({@link ConnectorHistories}): one sample every {@code interval}, the last
 * {@code window} of them, in memory. By default 361 samples of four numbers a connector,
 * about 12 KB, however long the bridge runs.
 *
 * @param interval how often each connector's events/s, retained WAL and lag are sampled
 * (the sampler's schedule, {@code cdcdemo.bridge.connector.ConnectorSampler}, reads
 * {@code cdc.charts.interval} itself; the retained-WAL trend keeps one of these samples
 * every {@code cdc.connector.wal-sample-interval})
 * @param window how far back the history goes, and the time span the charts show
 */
@ConfigurationProperties("cdc.charts")
record ChartsProperties(@DefaultValue("10s") Duration interval, @DefaultValue("1h") Duration window) {

	/** More samples than a chart a few hundred pixels wide can show, many times over. */
	static final int MAX_SAMPLES = 10_000;

	ChartsProperties {
		if (interval.toMillis() <= 0) {
			throw new IllegalArgumentException("cdc.charts.interval must be positive, not " + interval);
		}
		if (window.compareTo(interval) < 0 || window.toMillis() / interval.toMillis() > MAX_SAMPLES) {
			throw new IllegalArgumentException("cdc.charts.window (" + window + ") must hold between 1 and "
					+ MAX_SAMPLES + " samples of cdc.charts.interval (" + interval + ")");
		}
	}

	/**
	 * @return how many samples a connector's history keeps: a window of them, and the one
	 * that starts it
	 */
	int capacity() {
		return (int) (this.window.toMillis() / this.interval.toMillis()) + 1;
	}

}
