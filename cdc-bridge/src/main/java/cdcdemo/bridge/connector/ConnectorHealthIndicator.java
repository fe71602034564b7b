package cdcdemo.bridge.connector;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.engine.ConnectorRuntime;

/**
 * UP when every connector that is not paused is streaming; DOWN, with each connector's
 * state and reason, otherwise. WARNING when none is down but a connector's replication
 * slot holds back more WAL than {@code cdc.connector.wal-warning-bytes} (a stopped,
 * paused or lagging connector makes PostgreSQL keep its WAL, and the server's disk fills
 * up), or grows steadily towards it ({@link WalTrend}), or a publication does not send a
 * column or table its connector should have ({@link PublicationWatch}). WARNING is not
 * one of Boot's ordered statuses, so the bridge's overall health stays UP (it is still
 * serving); the {@code connectors} component says what to look at.
 */
@Component("connectors")
class ConnectorHealthIndicator implements HealthIndicator {

	static final Status WARNING = new Status("WARNING",
			"a replication slot holds back more WAL than the threshold, or a publication does not send a column");

	private final ConnectorRegistry registry;

	private final long walWarningBytes;

	private final PublicationDrifts drifts;

	private final WalTrends walTrends;

	ConnectorHealthIndicator(ConnectorRegistry registry, ConnectorProperties properties, PublicationDrifts drifts,
			WalTrends walTrends) {
		this.registry = registry;
		this.walTrends = walTrends;
		this.drifts = drifts;
		this.walWarningBytes = properties.walWarningBytes();
	}

	@Override
	public Health health() {
		boolean up = true;
		boolean warning = false;
		Map<String, Object> details = new LinkedHashMap<>();
		for (String name : this.registry.names()) {
			ConnectorRuntime.Status status = this.registry.status(name);
			// a standby is healthy: a health check must not restart the bridge that is to
			// take over
			up &= status.state() == ConnectorRuntime.State.AVAILABLE || status.state() == ConnectorRuntime.State.PAUSED
					|| status.state() == ConnectorRuntime.State.STANDBY;
			String detail = (status.reason() != null) ? status.state().name().toLowerCase() + ": " + status.reason()
					: status.state().name().toLowerCase();
			Long retained = this.registry.retainedWalBytes(name);
			if (retained != null && retained > this.walWarningBytes) {
				warning = true;
				detail += "; its slot holds back " + retained + " bytes of WAL (warning above " + this.walWarningBytes
						+ ")";
			}
			String growing = this.walTrends.warning(name, this.walWarningBytes);
			if (growing != null) {
				warning = true;
				detail += "; " + growing;
			}
			for (PublicationDrift drift : this.drifts.open(name)) {
				warning = true;
				detail += "; " + (drift.missingFromPublication() ? drift.table() + " is not in its publication"
						: "not published: " + String.join(", ",
								drift.unpublishedColumns()
									.stream()
									.map((column) -> drift.table() + "." + column)
									.toList()))
						+ " (its info has the statement for the publication's owner)";
			}
			details.put(name, detail);
		}
		Health.Builder health = !up ? Health.down() : warning ? Health.status(WARNING) : Health.up();
		return health.withDetails(details).build();
	}

}
