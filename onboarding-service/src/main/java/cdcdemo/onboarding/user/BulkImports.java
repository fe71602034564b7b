package cdcdemo.onboarding.user;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import cdcdemo.events.ChangeEvent;
import cdcdemo.onboarding.system.OnboardingProperties;

/**
 * Tells the users of a bulk import (one transaction of the monolith that creates many
 * users, an {@code INSERT ... SELECT}) from users who sign up one by one. The events of a
 * transaction arrive together and carry its id, so counting the creates per transaction
 * is enough: once a transaction has created more than
 * {@code onboarding.journey.bulk-import-size} users, its further users are a bulk import.
 * The count lives in memory (a few recent transactions), because it only decides the
 * order of sending: after a restart in the middle of an import a few more of its users
 * count as ordinary, and nothing else changes.
 * <p>
 * A transaction's users are keyed by their ids, so its events are spread over the topic's
 * partitions and the consumers that own them. The consumers of this instance count into
 * the one map here, one at a time; another replica counts only the users of its own
 * partitions, so with {@code R} replicas an import is seen as one after about {@code R}
 * times {@code bulk-import-size} users, which changes when its users start to yield and
 * nothing else.
 */
@Component
class BulkImports {

	private static final int TRANSACTIONS_KEPT = 16;

	private final int bulkImportSize;

	private final Map<Long, Integer> createsPerTransaction = new LinkedHashMap<>(32, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
			return size() > TRANSACTIONS_KEPT;
		}

	};

	BulkImports(OnboardingProperties properties) {
		this.bulkImportSize = properties.journey().bulkImportSize();
	}

	/**
	 * Counts a create event.
	 * @param created the event that created a user
	 * @return {@code true} if its transaction has created more than
	 * {@code bulk-import-size} users so far
	 */
	synchronized boolean isBulk(ChangeEvent<?> created) {
		Long txId = (created.source() != null) ? created.source().txId() : null;
		if (txId == null) {
			return false;
		}
		return this.createsPerTransaction.merge(txId, 1, Integer::sum) > this.bulkImportSize;
	}

}
