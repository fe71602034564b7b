package cdcdemo.bridge.alerts;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The alerts firing and the latest transitions, in memory. Each check's verdicts turn
 * into transitions only where the state changes, so a transition is told once, not at
 * every check. An alert whose subject is gone (a destroyed connector, a deleted topic)
 * resolves; an alert of a rule the check could not evaluate (Kafka did not answer) stays
 * as it was. A restart forgets both: the firing alerts are derived again by the next
 * checks (and told again), the history starts empty.
 */
@Component
final class AlertBook {

	static final int HISTORY = 200;

	private final Map<String, FiringAlert> firing = new LinkedHashMap<>();

	private final Deque<AlertTransition> history = new ArrayDeque<>();

	private Instant lastCheck;

	/**
	 * @param verdicts what a check found
	 * @param checked the rules it evaluated
	 * @param at the check's time
	 * @return the transitions, to be told and then {@link #remember remembered}
	 */
	synchronized List<AlertTransition> apply(Collection<Verdict> verdicts, Set<AlertRule> checked, Instant at) {
		this.lastCheck = at;
		List<AlertTransition> transitions = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Verdict verdict : verdicts) {
			String key = verdict.key();
			seen.add(key);
			FiringAlert alert = this.firing.get(key);
			if (verdict.holds()) {
				if (alert == null) {
					transitions.add(AlertTransition.of(verdict, AlertTransition.FIRED, verdict.message(), at));
				}
				this.firing.put(key, new FiringAlert(verdict.rule(), verdict.connector(), verdict.topic(),
						verdict.message(), (alert != null) ? alert.since() : at));
			}
			else if (alert != null) {
				this.firing.remove(key);
				transitions.add(AlertTransition.of(verdict, AlertTransition.RESOLVED, verdict.message(), at));
			}
		}
		for (Iterator<Map.Entry<String, FiringAlert>> entries = this.firing.entrySet().iterator(); entries.hasNext();) {
			Map.Entry<String, FiringAlert> entry = entries.next();
			FiringAlert alert = entry.getValue();
			if (!seen.contains(entry.getKey()) && checked.contains(alert.rule())) {
				entries.remove();
				Verdict gone = new Verdict(alert.rule(), alert.connector(), alert.topic(), false, null);
				transitions.add(AlertTransition.of(gone, AlertTransition.RESOLVED,
						((alert.topic() != null) ? "topic " + alert.topic() : "connector " + alert.connector())
								+ " is gone",
						at));
			}
		}
		return transitions;
	}

	/** Add a told transition to the history, which keeps the latest {@value #HISTORY}. */
	synchronized void remember(AlertTransition transition) {
		this.history.addFirst(transition);
		while (this.history.size() > HISTORY) {
			this.history.removeLast();
		}
	}

	synchronized Instant lastCheck() {
		return this.lastCheck;
	}

	synchronized List<FiringAlert> firing() {
		return List.copyOf(this.firing.values());
	}

	synchronized List<AlertTransition> history() {
		return List.copyOf(this.history);
	}

}
