package cdcdemo.bridge.alerts;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An alert firing now.
 *
 * @param rule the rule
 * @param connector the connector, if the subject is one
 * @param topic the dead letter topic, for {@code dead-letters}
 * @param message what the latest check found (the retained WAL keeps its size up to date)
 * @param since when it fired
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FiringAlert(AlertRule rule, String connector, String topic, String message, Instant since) {
}
