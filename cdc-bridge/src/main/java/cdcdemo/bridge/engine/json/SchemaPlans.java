package cdcdemo.bridge.engine.json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.connect.data.Schema;

/**
 * A bounded least-recently-used cache keyed by the identity of a {@link Schema}. A
 * connector hands over the same schema object for every event of a table, so identity is
 * the cheap and sufficient key; {@code JsonConverter}'s own cache hashes and compares
 * schemas deeply on every event.
 *
 * @param <T> what is cached per schema
 */
final class SchemaPlans<T> {

	private final Map<Key, T> plans;

	SchemaPlans(int maxSize) {
		this.plans = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, T> eldest) {
				return size() > maxSize;
			}

		};
	}

	/**
	 * The plan for a schema, made on the first call for it (and again after it was
	 * evicted). Made outside the lock, so two threads may both make one; either is right.
	 * @param schema the schema
	 * @param make makes the plan
	 * @return the plan
	 */
	T get(Schema schema, Function<Schema, T> make) {
		Key key = new Key(schema);
		T plan;
		synchronized (this.plans) {
			plan = this.plans.get(key);
		}
		if (plan == null) {
			plan = make.apply(schema);
			synchronized (this.plans) {
				this.plans.put(key, plan);
			}
		}
		return plan;
	}

	int size() {
		synchronized (this.plans) {
			return this.plans.size();
		}
	}

	private record Key(Schema schema) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.schema == this.schema;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.schema);
		}

	}

}
