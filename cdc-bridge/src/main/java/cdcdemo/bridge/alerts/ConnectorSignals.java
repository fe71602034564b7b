package cdcdemo.bridge.alerts;

import java.time.Instant;

/**
 * What the rules need of a connector beyond its info: since when the alerts have seen it
 * in a state ({@link ConnectorWatch}), the retained-WAL growth warning, and its last
 * heartbeat.
 *
 * @param failedSince since when it has not streamed after failing, or {@code null}
 * @param availableSince since when it has been available without a break, or {@code null}
 * @param growth the slot's growth warning ({@code WalTrends}), or {@code null}
 * @param growingSince since when that warning has held without a break, or {@code null}
 * @param lastHeartbeat the newest record on its heartbeat topic, or {@code null}
 */
record ConnectorSignals(Instant failedSince, Instant availableSince, String growth, Instant growingSince,
		Instant lastHeartbeat) {
}
