package cdcdemo.bridge.alerts;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/alerts}.
 *
 * @param enabled whether the rules are checked ({@code cdc.alerts.enabled})
 * @param lastCheck when the rules were last checked, {@code null} before the first check
 * @param firing the alerts firing now
 * @param history the latest transitions, newest first; kept in memory only, so a
 * restarted bridge starts with none (and derives what fires again at its first checks)
 */
record AlertsView(boolean enabled, Instant lastCheck, List<FiringAlert> firing, List<AlertTransition> history) {
}
