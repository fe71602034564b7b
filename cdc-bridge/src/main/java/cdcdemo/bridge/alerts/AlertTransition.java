package cdcdemo.bridge.alerts;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An alert that fired or resolved: what the email says, what the webhooks receive (as
 * JSON, without {@code delivery}), and an entry of the history (with it).
 *
 * @param rule the rule
 * @param connector the connector, if the subject is one
 * @param topic the dead letter topic, for {@code dead-letters}
 * @param state {@code fired} or {@code resolved}
 * @param message what the check found
 * @param at when
 * @param delivery how telling about it went: {@code sent: ...}, {@code failed: ...} or
 * {@code none: ...}; {@code null} until it was sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AlertTransition(AlertRule rule, String connector, String topic, String state, String message, Instant at,
		String delivery) {

	static final String FIRED = "fired";

	static final String RESOLVED = "resolved";

	static AlertTransition of(Verdict verdict, String state, String message, Instant at) {
		return new AlertTransition(verdict.rule(), verdict.connector(), verdict.topic(), state, message, at, null);
	}

	AlertTransition delivered(String delivery) {
		return new AlertTransition(this.rule, this.connector, this.topic, this.state, this.message, this.at, delivery);
	}

	/** The connector or topic the alert is about. */
	String subject() {
		return (this.topic != null) ? this.topic : this.connector;
	}

}
