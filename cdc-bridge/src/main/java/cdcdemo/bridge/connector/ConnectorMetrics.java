package cdcdemo.bridge.connector;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What the connector has done, for Actuator's metrics ({@code cdc.events.published}) and its health details.
 */
@Component
class ConnectorMetrics {

	private final Counter published;

	private final AtomicReference<Instant> lastEvent = new AtomicReference<>();

	ConnectorMetrics(MeterRegistry registry) {
		this.published = Counter.builder("cdc.events.published")
			.description("Change events acknowledged by Kafka")
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
