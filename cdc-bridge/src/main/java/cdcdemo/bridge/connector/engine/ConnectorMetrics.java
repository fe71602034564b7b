package cdcdemo.bridge.connector.engine;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What one connector has done, for Actuator's metrics ({@code cdc.events.published},
 * tagged with the connector) and for its info.
 */
public final class ConnectorMetrics {

	private final Counter published;

	private final AtomicReference<Instant> lastEvent = new AtomicReference<>();

	/**
	 * Events per second over the last {@link #WINDOW} seconds: one bucket per second,
	 * indexed by epoch second.
	 */
	private static final int WINDOW = 10;

	private final long[] buckets = new long[WINDOW];

	private final long[] bucketSeconds = new long[WINDOW];

	public ConnectorMetrics(MeterRegistry registry, String connector) {
		this.published = Counter.builder("cdc.events.published")
			.description("Change events acknowledged by Kafka")
			.tag("connector", connector)
			.register(registry);
	}

	/**
	 * @param count events Kafka acknowledged just now
	 */
	public void published(int count) {
		if (count > 0) {
			this.published.increment(count);
			Instant now = Instant.now();
			this.lastEvent.set(now);
			synchronized (this.buckets) {
				int i = (int) (now.getEpochSecond() % WINDOW);
				if (this.bucketSeconds[i] != now.getEpochSecond()) {
					this.bucketSeconds[i] = now.getEpochSecond();
					this.buckets[i] = 0;
				}
				this.buckets[i] += count;
			}
		}
	}

	/**
	 * Events acknowledged per second, averaged over the last ten seconds.
	 * @return the rate
	 */
	public double eventsPerSecond() {
		long now = Instant.now().getEpochSecond();
		long total = 0;
		synchronized (this.buckets) {
			for (int i = 0; i < WINDOW; i++) {
				if (now - this.bucketSeconds[i] < WINDOW) {
					total += this.buckets[i];
				}
			}
		}
		return (double) total / WINDOW;
	}

	public long publishedCount() {
		return (long) this.published.count();
	}

	public Instant lastEvent() {
		return this.lastEvent.get();
	}

}
