package cdcdemo.bridge.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import cdcdemo.bridge.connector.ConnectorInfo;

/**
 * The per-connector rules, as a pure function of the connector's info, its
 * {@link ConnectorSignals} and the time: one {@link Verdict} per rule, holding or not, so
 * that a rule that stops holding resolves with a sentence saying what it found.
 */
final class ConnectorRules {

	private final long retainedWalOver;

	private final Duration walGrowingFor;

	private final Duration silentFor;

	ConnectorRules(AlertsProperties properties) {
		this.retainedWalOver = properties.retainedWalOver().toBytes();
		this.walGrowingFor = properties.walGrowingFor();
		this.silentFor = properties.silentFor();
	}

	List<Verdict> verdicts(ConnectorInfo info, ConnectorSignals signals, Instant now) {
		return List.of(failed(info, signals), retainedWal(info), walGrowing(info, signals, now),
				silent(info, signals, now));
	}

	private Verdict failed(ConnectorInfo info, ConnectorSignals signals) {
		String name = info.name();
		if (signals.failedSince() == null) {
			return Verdict.of(AlertRule.CONNECTOR_FAILED, name, false, "connector " + name + " is " + info.status());
		}
		// between restarts a failing connector is "creating": it has not recovered yet
		String why = (info.reason() != null) ? ": " + info.reason() : "";
		return Verdict.of(AlertRule.CONNECTOR_FAILED, name, true,
				"connector " + name + " failed (since " + signals.failedSince() + ", now " + info.status() + ")" + why);
	}

	private Verdict retainedWal(ConnectorInfo info) {
		String name = info.name();
		Long retained = info.retainedWalBytes();
		if (retained == null) {
			return Verdict.of(AlertRule.RETAINED_WAL, name, false, "connector " + name
					+ "'s retained WAL is unknown (its slot is gone, or the source database does not answer)");
		}
		boolean over = retained > this.retainedWalOver;
		String message = String.format(Locale.ROOT, "connector %s's slot holds back %,d bytes of WAL (%s %,d)", name,
				retained, over ? "over" : "threshold", this.retainedWalOver);
		return Verdict.of(AlertRule.RETAINED_WAL, name, over,
				over ? message + ": PostgreSQL keeps it until the connector reads it; resume or destroy the connector"
						: message);
	}

	private Verdict walGrowing(ConnectorInfo info, ConnectorSignals signals, Instant now) {
		String name = info.name();
		if (signals.growth() == null || signals.growingSince() == null) {
			return Verdict.of(AlertRule.WAL_GROWING, name, false,
					"connector " + name + "'s retained WAL does not grow steadily");
		}
		Duration growing = Duration.between(signals.growingSince(), now);
		boolean holds = growing.compareTo(this.walGrowingFor) >= 0;
		return Verdict.of(AlertRule.WAL_GROWING, name, holds, "connector " + name + ": " + signals.growth() + (holds
				? "" : " (warning for " + minutes(growing) + ", alerts after " + minutes(this.walGrowingFor) + ")"));
	}

	private Verdict silent(ConnectorInfo info, ConnectorSignals signals, Instant now) {
		String name = info.name();
		if (!"available".equals(info.status()) || signals.availableSince() == null) {
			return Verdict.of(AlertRule.SILENT, name, false,
					"connector " + name + " is " + info.status() + ": it is not expected to publish");
		}
		Instant last = latest(signals.availableSince(), info.lastEvent(), signals.lastHeartbeat());
		Duration quiet = Duration.between(last, now);
		boolean holds = quiet.compareTo(this.silentFor) >= 0;
		return Verdict.of(AlertRule.SILENT, name, holds,
				"connector " + name + (holds ? " is available but published" : " published") + " no event for "
						+ since(info.lastEvent(), now) + " and no heartbeat for " + since(signals.lastHeartbeat(), now)
						+ (holds ? " (alerts after " + minutes(this.silentFor) + ")" : ""));
	}

	private static Instant latest(Instant first, Instant... others) {
		Instant latest = first;
		for (Instant other : others) {
			if (other != null && other.isAfter(latest)) {
				latest = other;
			}
		}
		return latest;
	}

	private static String since(Instant at, Instant now) {
		return (at != null) ? minutes(Duration.between(at, now)) : "as long as the bridge has run";
	}

	private static String minutes(Duration duration) {
		return (duration.toMinutes() > 0) ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
	}

}
