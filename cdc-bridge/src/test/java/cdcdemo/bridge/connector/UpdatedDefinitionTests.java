package cdcdemo.bridge.connector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a PATCH makes of a definition, before any validation or statement: tables added
 * last and removed with their excluded columns, settings set and removed, the event limit
 * kept unless changed.
 */
class UpdatedDefinitionTests {

	private static final ConnectorDefinition CURRENT = new ConnectorDefinition("monolith",
			new ConnectorDefinition.SourceDatabase("localhost", 5432, "users", "cdc", "secret"), "localhost:9092",
			List.of("public.users", "public.orders"), List.of("public.users.password", "public.orders.note"),
			"monolith_publication", true, Map.of("tombstones.on.delete", "false", "a", "b"), true, List.of(), 2048,
			null);

	@Test
	void addsNewTablesLastAndIgnoresTablesAlreadyCaptured() {
		UpdatedDefinition merged = UpdatedDefinition.of(CURRENT,
				update(null, List.of("public.users", "public.items"), null, null, null, null));
		assertThat(merged.tables()).containsExactly("public.users", "public.orders", "public.items");
		assertThat(merged.addedTables(CURRENT)).containsExactly("public.items");
	}

	@Test
	void dropsTheExcludedColumnsOfARemovedTable() {
		UpdatedDefinition merged = UpdatedDefinition.of(CURRENT,
				update(null, null, List.of("public.orders"), null, null, null));
		assertThat(merged.tables()).containsExactly("public.users");
		assertThat(merged.excludedColumns()).containsExactly("public.users.password");
		assertThat(merged.addedTables(CURRENT)).isEmpty();
	}

	@Test
	void addsAndRemovesExcludedColumns() {
		UpdatedDefinition merged = UpdatedDefinition.of(CURRENT, update(null, null, null,
				List.of("public.users.email", "public.users.password"), List.of("public.orders.note"), null));
		assertThat(merged.excludedColumns()).containsExactly("public.users.password", "public.users.email");
	}

	@Test
	void setsSettingsAndRemovesThoseSetToNull() {
		Map<String, String> settings = new HashMap<>();
		settings.put("a", null);
		settings.put("tombstones.on.delete", "true");
		UpdatedDefinition merged = UpdatedDefinition.of(CURRENT, update(settings, null, null, null, null, null));
		assertThat(merged.settings()).containsExactlyInAnyOrderEntriesOf(Map.of("tombstones.on.delete", "true"));
	}

	@Test
	void keepsTheEventLimitUnlessChanged() {
		assertThat(UpdatedDefinition.of(CURRENT, update(null, null, null, null, null, null)).maxEventBytes())
			.isEqualTo(2048);
		assertThat(UpdatedDefinition.of(CURRENT, update(null, null, null, null, null, 4096)).maxEventBytes())
			.isEqualTo(4096);
	}

	@Test
	void keepsThePartitionsUnlessChangedAndAppliesThoseValidated() {
		assertThat(UpdatedDefinition.of(CURRENT, update(null, null, null, null, null, null)).partitions()).isNull();
		UpdatedDefinition merged = UpdatedDefinition.of(CURRENT,
				new ConnectorUpdate(null, null, null, null, null, null, null, 6));
		assertThat(merged.partitions()).isEqualTo(6);
		assertThat(merged.asRequest(CURRENT).partitions()).isEqualTo(6);
		ConnectorDefinition validated = merged.applyTo(CURRENT, CURRENT);
		ConnectorDefinition updated = merged.applyTo(CURRENT,
				new ConnectorDefinition(validated.name(), validated.source(), validated.bootstrapServers(),
						validated.tables(), validated.excludedColumns(), validated.publication(),
						validated.publicationOwned(), validated.settings(), false, List.of(), 2048, 6));
		assertThat(updated.partitions()).isEqualTo(6);
		assertThat(updated.maxEventBytes()).isEqualTo(2048);
		assertThat(UpdatedDefinition.of(updated, update(null, null, null, null, null, null)).partitions())
			.as("kept by a later update that does not name it")
			.isEqualTo(6);
	}

	@Test
	void leavesAnOwnedPublicationOutOfTheRequestAndKeepsTheRestOfTheDefinition() {
		UpdatedDefinition merged = UpdatedDefinition.of(CURRENT,
				update(null, List.of("public.items"), null, null, null, null));
		ConnectorRequest request = merged.asRequest(CURRENT);
		assertThat(request.publication()).isNull();
		assertThat(request.source().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/users");
		assertThat(request.tables()).containsExactly("public.users", "public.orders", "public.items");
		ConnectorDefinition updated = merged.applyTo(CURRENT, CURRENT);
		assertThat(updated.tables()).containsExactly("public.users", "public.orders", "public.items");
		assertThat(updated.paused()).isTrue();
		assertThat(updated.publication()).isEqualTo("monolith_publication");
		assertThat(updated.publicationOwned()).isTrue();
	}

	private static ConnectorUpdate update(Map<String, String> settings, List<String> addTables,
			List<String> removeTables, List<String> addExcluded, List<String> removeExcluded, Integer maxEventBytes) {
		return new ConnectorUpdate(settings, addTables, removeTables, addExcluded, removeExcluded, null, maxEventBytes);
	}

}
