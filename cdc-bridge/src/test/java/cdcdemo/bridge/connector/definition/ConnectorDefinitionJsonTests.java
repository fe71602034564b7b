package cdcdemo.bridge.connector.definition;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A definition as the definitions topic holds it: one stored before a connector could ask
 * for partitions still reads, with the broker's default, and a count asked for survives
 * the round trip.
 */
class ConnectorDefinitionJsonTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void readsADefinitionStoredWithoutPartitionsAsTheBrokersDefault() {
		String stored = """
				{"name":"monolith","source":{"host":"db","port":5432,"database":"users","user":"cdc","password":"x"},
				 "bootstrapServers":"kafka:9092","tables":["public.users"],"excludedColumns":[],
				 "publication":"monolith_publication","publicationOwned":true,"settings":{},"paused":false,
				 "skipped":[],"maxEventBytes":4000000}
				""";
		ConnectorDefinition definition = this.mapper.readValue(stored, ConnectorDefinition.class);
		assertThat(definition.partitions()).isNull();
		assertThat(definition.maxEventBytes()).isEqualTo(4_000_000);
		assertThat(definition.topics()).containsExactly("monolith.public.users");
	}

	@Test
	void keepsThePartitionsThroughTheTopicAndEveryCopy() {
		ConnectorDefinition definition = new ConnectorDefinition("monolith",
				new ConnectorDefinition.SourceDatabase("db", 5432, "users", "cdc", "x"), "kafka:9092",
				List.of("public.users"), List.of(), "monolith_publication", true, Map.of(), false, List.of(), null, 3);
		ConnectorDefinition read = this.mapper.readValue(this.mapper.writeValueAsString(definition),
				ConnectorDefinition.class);
		assertThat(read).isEqualTo(definition);
		assertThat(read.withPaused(true).partitions()).isEqualTo(3);
		assertThat(read.withPassword("y").partitions()).isEqualTo(3);
		assertThat(read.withSkipped(new SkippedEvent("monolith.public.users", "{}", 10, 1L, "too large", "op", null))
			.partitions()).isEqualTo(3);
	}

}
