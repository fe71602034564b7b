package cdcdemo.domains.stats;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import cdcdemo.events.ChangeEvent;

/**
 * The state: each user's email domain, keyed by user id, and the number of users per
 * domain that follows from it.
 * <p>
 * Counting with {@code +1}/{@code -1} per event would go wrong twice: a replayed event
 * would be counted again, and a delete (whose {@code before} holds only the id) or an
 * update (whose {@code before} is {@code null}) does not say which domain to take the
 * user from. Keeping the latest domain per id fixes both: applying an event sets or
 * removes one entry, so applying it again changes nothing, and the counts are always
 * those of the latest rows. The counts move only when an entry does, so each change says
 * which counts it changed (for the reactions, see {@code UserChangesListener}) and a
 * replay changes none.
 */
@Component
class DomainCounts {

	private final Map<Long, String> domainByUser = new HashMap<>();

	private final Map<String, Long> usersByDomain = new HashMap<>();

	/**
	 * @param event a change of a user row
	 * @return the domains whose count changed, with their new count (0 when the last user
	 * left); empty when the event changed nothing, as a replay does
	 */
	synchronized Map<String, Long> apply(ChangeEvent<UserRow> event) {
		Map<String, Long> changed = new LinkedHashMap<>();
		switch (event.operation()) {
			case READ, CREATE, UPDATE -> move(event.after().id(), domainOf(event.after().email()), changed);
			case DELETE -> move(event.before().id(), null, changed);
			case TRUNCATE -> List.copyOf(this.domainByUser.keySet()).forEach((id) -> move(id, null, changed));
			case MESSAGE -> {
			}
		}
		return changed;
	}

	/**
	 * @return every domain with at least one user, most users first, then by name
	 */
	synchronized List<DomainCount> counts() {
		return this.usersByDomain.entrySet()
			.stream()
			.map((entry) -> new DomainCount(entry.getKey(), entry.getValue()))
			.sorted(Comparator.comparingLong(DomainCount::users).reversed().thenComparing(DomainCount::domain))
			.toList();
	}

	/**
	 * Moves a user to a domain, or out of every domain ({@code to} {@code null}).
	 */
	private void move(long userId, String to, Map<String, Long> changed) {
		String from = (to != null) ? this.domainByUser.put(userId, to) : this.domainByUser.remove(userId);
		if (Objects.equals(from, to)) {
			return;
		}
		if (from != null) {
			Long left = this.usersByDomain.merge(from, -1L,
					(count, minus) -> (count + minus > 0) ? count + minus : null);
			changed.put(from, (left != null) ? left : 0L);
		}
		if (to != null) {
			changed.put(to, this.usersByDomain.merge(to, 1L, Long::sum));
		}
	}

	private static String domainOf(String email) {
		int at = (email != null) ? email.lastIndexOf('@') : -1;
		return (at >= 0) ? email.substring(at + 1).toLowerCase(Locale.ROOT) : "(no domain)";
	}

}
