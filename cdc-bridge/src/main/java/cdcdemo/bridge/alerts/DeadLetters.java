package cdcdemo.bridge.alerts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dead letter rule: a {@code *.DLT} topic (the bridge's own {@code <topic>.DLT} of
 * skipped events, and the consumers' dead letters on the same Kafka, which Spring Kafka
 * names the same way) whose end offsets moved since the last check. It counts offsets,
 * not records: a transactional write adds a commit marker too. The first check only takes
 * the baseline, so dead letters from before the bridge started do not alert; a topic
 * created since counts from zero. It resolves at the first check that finds no new
 * offsets.
 */
final class DeadLetters {

	static final String SUFFIX = ".DLT";

	private Map<String, Long> previous;

	/**
	 * @param endOffsets each dead letter topic's end offsets, summed over its partitions
	 * @param connectors the bridge's connectors, whose names prefix their topics
	 * @return one verdict per topic; none at the first check
	 */
	synchronized List<Verdict> verdicts(Map<String, Long> endOffsets, Set<String> connectors) {
		Map<String, Long> before = this.previous;
		this.previous = new HashMap<>(endOffsets);
		if (before == null) {
			return List.of();
		}
		List<Verdict> verdicts = new ArrayList<>();
		endOffsets.forEach((topic, end) -> {
			long gained = end - before.getOrDefault(topic, 0L);
			String connector = connectorOf(topic, connectors);
			verdicts.add(new Verdict(AlertRule.DEAD_LETTERS, connector, topic, gained > 0,
					(gained > 0)
							? topic + " has new dead letters: its end offsets moved by " + gained
									+ " since the last check (" + end + " in all)"
							: "no new dead letters on " + topic + " since the last check (" + end + " in all)"));
		});
		return verdicts;
	}

	private static String connectorOf(String topic, Set<String> connectors) {
		int dot = topic.indexOf('.');
		String prefix = (dot > 0) ? topic.substring(0, dot) : topic;
		return connectors.contains(prefix) ? prefix : null;
	}

}
