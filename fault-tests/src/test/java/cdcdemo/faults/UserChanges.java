package cdcdemo.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A known set of changes to the monolith's {@code users} table: inserts, updates and
 * deletes of users whose ids are chosen here (from a range of the scenario's own), so
 * every record on the topic can be traced back to the change it reports. Two in five
 * changes insert a user, two update one (its {@code last_name} becomes
 * {@code v<version>}), one deletes one. The order is random but fixed by the id range.
 *
 * @param changes the changes, in the order they are committed
 */
record UserChanges(List<Change> changes) {

	/**
	 * One change, committed in a transaction of its own.
	 *
	 * @param userId the user
	 * @param kind what happens to the row
	 * @param version the row's version after an insert (0) or an update; its
	 * {@code last_name} is {@code v<version>}
	 */
	record Change(long userId, Kind kind, int version) {

		String lastName() {
			return "v" + this.version;
		}

		static String email(long userId) {
			return "fault-" + userId + "@example.com";
		}

	}

	enum Kind {

		INSERT, UPDATE, DELETE

	}

	/**
	 * @param count how many changes
	 * @param firstId the first user id; ids go up from there
	 * @return the changes
	 */
	static UserChanges of(int count, long firstId) {
		Random random = new Random(firstId);
		List<Change> changes = new ArrayList<>(count);
		List<Long> live = new ArrayList<>();
		Map<Long, Integer> versions = new LinkedHashMap<>();
		long nextId = firstId;
		for (int i = 0; i < count; i++) {
			int slot = i % 5;
			if (slot <= 1 || live.isEmpty()) {
				long id = nextId++;
				live.add(id);
				versions.put(id, 0);
				changes.add(new Change(id, Kind.INSERT, 0));
			}
			else if (slot <= 3) {
				long id = live.get(random.nextInt(live.size()));
				changes.add(new Change(id, Kind.UPDATE, versions.merge(id, 1, Integer::sum)));
			}
			else {
				long id = live.remove(random.nextInt(live.size()));
				changes.add(new Change(id, Kind.DELETE, versions.get(id)));
			}
		}
		return new UserChanges(List.copyOf(changes));
	}

}
