package cdcdemo.domains.stats;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import cdcdemo.events.ChangeEvent;

/**
 * The state: each user's email domain, keyed by user id, and the counts derived from it
 * on request.
 * <p>
 * Counting with {@code +1}/{@code -1} per event would go wrong twice: a replayed event
 * would be counted again, and a delete (whose {@code before} holds only the id) or an
 * update (whose {@code before} is {@code null}) does not say which domain to take the
 * user from. Keeping the latest domain per id fixes both: applying an event sets or
 * removes one entry, so applying it again changes nothing, and the counts are always
 * those of the latest rows.
 */
@Component
class DomainCounts {

	private final Map<Long, String> domainByUser = new ConcurrentHashMap<>();

	void apply(ChangeEvent<UserRow> event) {
		switch (event.operation()) {
			case READ, CREATE, UPDATE -> this.domainByUser.put(event.after().id(), domainOf(event.after().email()));
			case DELETE -> this.domainByUser.remove(event.before().id());
			case TRUNCATE -> this.domainByUser.clear();
			case MESSAGE -> {
			}
		}
	}

	/**
	 * @return every domain with at least one user, most users first, then by name
	 */
	List<DomainCount> counts() {
		return this.domainByUser.values()
			.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
			.entrySet()
			.stream()
			.map((entry) -> new DomainCount(entry.getKey(), entry.getValue()))
			.sorted(Comparator.comparingLong(DomainCount::users).reversed().thenComparing(DomainCount::domain))
			.toList();
	}

	private static String domainOf(String email) {
		int at = (email != null) ? email.lastIndexOf('@') : -1;
		return (at >= 0) ? email.substring(at + 1).toLowerCase(Locale.ROOT) : "(no domain)";
	}

}
