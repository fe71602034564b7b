package cdcdemo.bridge.alerts;

/**
 * What one check found for one rule and one connector or topic: whether the rule holds,
 * and a sentence saying why, either way (the resolved email says what changed).
 *
 * @param rule the rule
 * @param connector the connector, if the subject is one (or a dead letter topic's)
 * @param topic the dead letter topic, for {@link AlertRule#DEAD_LETTERS}
 * @param holds whether the rule holds now
 * @param message what was found
 */
record Verdict(AlertRule rule, String connector, String topic, boolean holds, String message) {

	static Verdict of(AlertRule rule, String connector, boolean holds, String message) {
		return new Verdict(rule, connector, null, holds, message);
	}

	/** Identifies an alert across checks: one per rule and subject. */
	String key() {
		return this.rule + "|" + this.connector + "|" + this.topic;
	}

}
