package cdcdemo.bridge.connector;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What one connector has done, for Actuator's metrics ({@code cdc.events.published}, tagged with the connector) and
 * for its info.
 */
final class ConnectorMetrics {

	private final Counter published;

	private final AtomicReference<Instant> lastEvent = new AtomicReference<>();

	ConnectorMetrics(MeterRegistry registry, String connector) {
		this.published = Counter.builder("cdc.events.published")
			.description("Change events acknowledged by Kafka")
			.tag("connector", connector)
			.register(registry);
	}

	void published(int count) {
		if (count > 0) {
			this.published.increment(count);
			this.lastEvent.set(Instant.now());
		}
	}

	long publishedCount() {
		return (long) this.published.count();
	}

	Instant lastEvent() {
		return this.lastEvent.get();
	}

}
