package cdcdemo.bridge.connector;

import java.time.Instant;
import java.util.Set;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples each connector's retained WAL every {@code cdc.connector.wal-sample-interval}
 * (30 s by default), so that a slot that keeps growing warns early ({@link WalTrend})
 * instead of at the threshold.
 */
@Component
class RetainedWalSampler {

	private final ConnectorRegistry registry;

	private final WalTrends trends;

	RetainedWalSampler(ConnectorRegistry registry, WalTrends trends) {
		this.registry = registry;
		this.trends = trends;
	}

	@Scheduled(fixedDelayString = "${cdc.connector.wal-sample-interval:30s}")
	void sample() {
		Set<String> names = this.registry.names();
		this.trends.retain(names);
		Instant now = Instant.now();
		for (String name : names) {
			Long bytes = this.registry.retainedWalBytes(name);
			if (bytes != null) {
				this.trends.record(name, now, bytes);
			}
		}
	}

}
