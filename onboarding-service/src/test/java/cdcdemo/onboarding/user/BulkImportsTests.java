package cdcdemo.onboarding.user;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.Operation;
import cdcdemo.events.Source;
import cdcdemo.onboarding.system.OnboardingProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which new users count as a bulk import: those after the first {@code bulk-import-size}
 * of one transaction.
 */
class BulkImportsTests {

	private final BulkImports bulkImports = new BulkImports(
			new Binder(new MapConfigurationPropertySource(Map.of("onboarding.journey.bulk-import-size", "2")))
				.bindOrCreate("onboarding", OnboardingProperties.class));

	@Test
	void countsTheUsersAfterTheFirstOnesOfOneTransactionAsABulkImport() {
		assertThat(this.bulkImports.isBulk(created(1, 700L))).isFalse();
		assertThat(this.bulkImports.isBulk(created(2, 700L))).isFalse();
		assertThat(this.bulkImports.isBulk(created(3, 700L))).isTrue();
		assertThat(this.bulkImports.isBulk(created(4, 700L))).isTrue();
	}

	@Test
	void countsEachTransactionOnItsOwn() {
		for (long tx = 800; tx < 810; tx++) {
			assertThat(this.bulkImports.isBulk(created(tx, tx))).as("a user created alone in transaction %d", tx)
				.isFalse();
		}
		assertThat(this.bulkImports.isBulk(created(1, 900L))).isFalse();
		assertThat(this.bulkImports.isBulk(created(2, 901L))).isFalse();
		assertThat(this.bulkImports.isBulk(created(3, 900L))).isFalse();
		assertThat(this.bulkImports.isBulk(created(4, 900L))).isTrue();
	}

	@Test
	void neverCountsAnEventWithoutATransactionAsABulkImport() {
		for (long id = 1; id <= 5; id++) {
			assertThat(this.bulkImports.isBulk(created(id, null))).isFalse();
		}
	}

	private static ChangeEvent<UserRow> created(long id, Long txId) {
		Source source = new Source("postgresql", "monolith", "users", "public", "users", txId, 1000 + id, 0L, "false");
		return new ChangeEvent<>(Operation.CREATE, null, new UserRow(id, "First", "Last", id + "@example.com"), source,
				0L);
	}

}
