package cdcdemo.bridge.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Each connector's {@link WalTrend}, filled from the samples of {@link ConnectorSampler}
 * (one kept every {@code cdc.connector.wal-sample-interval}, 30 s by default) and read by
 * the info and the health indicator (kept apart from the sampler, which walks the
 * registry, so that the registry's info can read it); a destroyed connector's trend is
 * forgotten at the next sample. Public for the alerts, which reuse its growth signal
 * rather than sample the slots a second time.
 */
@Component
public class WalTrends implements ConnectorSample.Listener {

	private final Map<String, WalTrend> trends = new ConcurrentHashMap<>();

	private final WalGrowthProperties growth;

	private final Duration every;

	WalTrends(WalGrowthProperties growth, @Value("${cdc.connector.wal-sample-interval:30s}") Duration every) {
		this.growth = growth;
		this.every = every;
	}

	@Override
	public void sampled(Instant at, List<ConnectorSample> samples) {
		this.trends.keySet().retainAll(samples.stream().map(ConnectorSample::connector).toList());
		for (ConnectorSample sample : samples) {
			if (sample.retainedWalBytes() != null) {
				this.trends
					.computeIfAbsent(sample.connector(),
							(n) -> new WalTrend(this.every, this.growth.window(), this.growth.horizon()))
					.record(at, sample.retainedWalBytes());
			}
		}
	}

	/**
	 * @param name a connector
	 * @param threshold the retained bytes that warn on their own
	 * @return the early warning for the connector's slot, or {@code null}
	 */
	public String warning(String name, long threshold) {
		WalTrend trend = this.trends.get(name);
		return (trend != null) ? trend.warning(threshold) : null;
	}

}
