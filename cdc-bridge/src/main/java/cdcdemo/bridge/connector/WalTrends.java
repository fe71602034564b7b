package cdcdemo.bridge.connector;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Each connector's {@link WalTrend}, filled by {@link RetainedWalSampler} and read by the
 * info and the health indicator (kept apart from the sampler, which walks the registry,
 * so that the registry's info can read it). Public for the alerts, which reuse its growth
 * signal rather than sample the slots a second time.
 */
@Component
public class WalTrends {

	private final Map<String, WalTrend> trends = new ConcurrentHashMap<>();

	private final WalGrowthProperties growth;

	WalTrends(WalGrowthProperties growth) {
		this.growth = growth;
	}

	void record(String name, Instant at, long bytes) {
		this.trends.computeIfAbsent(name, (n) -> new WalTrend(this.growth.window(), this.growth.horizon()))
			.record(at, bytes);
	}

	void retain(Set<String> names) {
		this.trends.keySet().retainAll(names);
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
