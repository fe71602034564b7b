package cdcdemo.bridge.connector;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP once the connector's task is streaming; DOWN, with the reason, while it connects or after it failed.
 */
@Component("connector")
class ConnectorHealthIndicator implements HealthIndicator {

	private final ChangeStreamEngine engine;

	private final ConnectorProperties properties;

	private final ConnectorMetrics metrics;

	ConnectorHealthIndicator(ChangeStreamEngine engine, ConnectorProperties properties, ConnectorMetrics metrics) {
		this.engine = engine;
		this.properties = properties;
		this.metrics = metrics;
	}

	@Override
	public Health health() {
		ChangeStreamEngine.Status status = this.engine.status();
		Health.Builder health = (status.state() == ChangeStreamEngine.State.STREAMING) ? Health.up() : Health.down();
		health.withDetail("connector", this.properties.name())
			.withDetail("state", status.state().name().toLowerCase())
			.withDetail("tables", this.properties.tables())
			.withDetail("eventsPublished", this.metrics.publishedCount());
		if (status.reason() != null) {
			health.withDetail("reason", status.reason());
		}
		if (this.metrics.lastEvent() != null) {
			health.withDetail("lastEvent", this.metrics.lastEvent().toString());
		}
		return health.build();
	}

}
