package cdcdemo.bridge.connector;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * What {@link PublicationWatch} last found for each connector: the drifts still waiting
 * for a publication's owner, and the last changes the bridge made to its own
 * publications. Kept apart from the watch so that the info and the health indicator read
 * it without depending on the registry the watch walks.
 */
@Component
class PublicationDrifts {

	private static final int HISTORY = 10;

	private final Map<String, List<PublicationDrift>> open = new ConcurrentHashMap<>();

	private final Map<String, Deque<PublicationDrift>> fixed = new ConcurrentHashMap<>();

	/**
	 * @return the drifts of a connector that its publication's owner has to put right
	 */
	List<PublicationDrift> open(String connector) {
		return this.open.getOrDefault(connector, List.of());
	}

	/**
	 * @return the latest changes the bridge made to the connector's publication, newest
	 * last
	 */
	List<PublicationDrift> fixed(String connector) {
		Deque<PublicationDrift> history = this.fixed.get(connector);
		if (history == null) {
			return List.of();
		}
		synchronized (history) {
			return List.copyOf(history);
		}
	}

	void replaceOpen(String connector, List<PublicationDrift> drifts) {
		if (drifts.isEmpty()) {
			this.open.remove(connector);
		}
		else {
			this.open.put(connector, List.copyOf(drifts));
		}
	}

	void fixed(String connector, List<PublicationDrift> drifts) {
		Deque<PublicationDrift> history = this.fixed.computeIfAbsent(connector, (name) -> new ArrayDeque<>());
		synchronized (history) {
			drifts.forEach(history::addLast);
			while (history.size() > HISTORY) {
				history.removeFirst();
			}
		}
	}

	/** Forget the connectors that are gone. */
	void retain(java.util.Set<String> connectors) {
		this.open.keySet().retainAll(connectors);
		this.fixed.keySet().retainAll(connectors);
	}

	void forget(String connector) {
		this.open.remove(connector);
		this.fixed.remove(connector);
	}

}
