package cdcdemo.bridge.connector;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP when every connector that is not paused is streaming; DOWN, with each connector's state and reason, otherwise.
 */
@Component("connectors")
class ConnectorHealthIndicator implements HealthIndicator {

	private final ConnectorRegistry registry;

	ConnectorHealthIndicator(ConnectorRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Health health() {
		boolean up = true;
		Map<String, Object> details = new LinkedHashMap<>();
		for (String name : this.registry.names()) {
			ConnectorRuntime.Status status = this.registry.status(name);
			up &= status.state() == ConnectorRuntime.State.AVAILABLE || status.state() == ConnectorRuntime.State.PAUSED;
			details.put(name, (status.reason() != null) ? status.state().name().toLowerCase() + ": " + status.reason()
					: status.state().name().toLowerCase());
		}
		return (up ? Health.up() : Health.down()).withDetails(details).build();
	}

}
