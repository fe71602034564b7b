package cdcdemo.bridge.connector;

import java.time.Instant;
import java.util.List;

/**
 * What one connector's gauges read at one sample of {@link ConnectorSampler}, read once
 * for everything that keeps samples: the retained-WAL trend ({@link WalTrends}) and the
 * page's charts ({@code cdcdemo.bridge.charts}). A figure that cannot be read is
 * {@code null}, never a zero.
 *
 * @param connector the connector
 * @param eventsPerSecond events acknowledged per second over the last ten seconds (the
 * {@code cdc.connector.events.rate} gauge); {@code null} while its engine does not run
 * (paused, failed, standby): no rate was measured, which is not a rate of zero
 * @param retainedWalBytes the WAL its slot holds back
 * ({@code cdc.connector.wal.retained}); {@code null} if the slot is gone or the database
 * cannot be asked
 * @param millisBehindSource Debezium's lag behind the source ({@code cdc.connector.lag});
 * {@code null} while it does not stream, and negative (Debezium's {@code -1}) before its
 * first streamed change
 */
public record ConnectorSample(String connector, Double eventsPerSecond, Long retainedWalBytes,
		Long millisBehindSource) {

	/**
	 * Told of every sample, as a bean: the sampler finds its listeners in the context.
	 */
	public interface Listener {

		/**
		 * @param at when the sample was taken
		 * @param samples one for each connector of the bridge at that time; a connector
		 * not listed has been destroyed
		 */
		void sampled(Instant at, List<ConnectorSample> samples);

	}

}
