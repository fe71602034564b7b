package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connector that asks for partitions, on a real PostgreSQL and Kafka broker: its topic
 * is created with that many, the rows spread over them, and every event of one row lands
 * on one partition in the order it happened (Debezium keys events by the primary key). A
 * topic that exists keeps its partitions, and the connector says so.
 */
class TopicPartitionsTests extends BridgeSystemTest {

	BridgeApi api;

	@BeforeEach
	void api() {
		this.api = new BridgeApi(this.port, this.mapper);
	}

	@Test
	void createsTheTopicWithThePartitionsAndKeepsEachRowOnOne() throws Exception {
		table("parcels");
		this.monolith.sql("insert into parcels select n, 'parcel ' || n from generate_series(1, 300) n").update();
		createConnector("parcels", 3);
		assertThat(partitionsOf("parcels.public.parcels")).isEqualTo(3);
		JsonNode info = this.api.info("parcels");
		assertThat(info.path("delivery").path("partitions").asInt()).isEqualTo(3);
		assertThat(info.path("warnings").valueStream().map(JsonNode::asString))
			.noneMatch((w) -> w.contains("partition"));

		this.monolith.sql("insert into parcels values (1000, 'new')").update();
		this.monolith.sql("update parcels set body = 'packed' where id = 1000").update();
		this.monolith.sql("update parcels set body = 'shipped' where id = 1000").update();
		this.monolith.sql("delete from parcels where id = 1000").update();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(eventsOf("parcels.public.parcels", 1000)).hasSize(5));

		List<ConsumerRecord<String, String>> all = TopicReader.readAll(this.kafka.bootstrapServers(),
				"parcels.public.parcels");
		Map<Long, Integer> partitionOfRow = all.stream()
			.filter((r) -> r.value() != null)
			.collect(Collectors.toMap(this::id, ConsumerRecord::partition, (a, b) -> {
				assertThat(a).as("every event of a row on one partition").isEqualTo(b);
				return a;
			}));
		assertThat(partitionOfRow).hasSize(301);
		assertThat(partitionOfRow.values().stream().distinct()).as("the rows spread over the partitions")
			.hasSizeGreaterThan(1);
		List<ConsumerRecord<String, String>> row = eventsOf("parcels.public.parcels", 1000);
		assertThat(row).extracting(ConsumerRecord::partition).containsOnly(row.get(0).partition());
		assertThat(row).extracting(ConsumerRecord::offset).isSorted();
		assertThat(row).extracting(this::op).containsExactly("c", "u", "u", "d", "tombstone");
		assertThat(row.subList(0, 3)).extracting((r) -> payload(r).path("after").path("body").asString())
			.containsExactly("new", "packed", "shipped");
		this.api.call("DELETE", "/api/connectors/parcels", null, 200);
	}

	@Test
	void anExistingTopicKeepsItsPartitionsAndTheConnectorSaysSo() throws Exception {
		table("crates");
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic("crates.public.crates", Optional.of(1), Optional.empty())))
				.all()
				.get();
		}
		createConnector("crates", 3);
		assertThat(partitionsOf("crates.public.crates")).isEqualTo(1);
		assertThat(warnings("crates")).contains("topic crates.public.crates has 1 partition(s), not the 3 asked: "
				+ "an existing topic keeps its count (adding partitions would move rows' keys to other partitions "
				+ "and break their order for readers); the connector's partitions apply to the topics it creates "
				+ "from now on");
		this.monolith.sql("insert into crates values (1, 'one')").update();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(eventsOf("crates.public.crates", 1)).hasSize(1));

		JsonNode updated = this.api.call("PATCH", "/api/connectors/crates", Map.of("partitions", 2), 200);
		assertThat(updated.path("delivery").path("partitions").asInt()).isEqualTo(2);
		assertThat(this.api.call("PATCH", "/api/connectors/crates", Map.of("partitions", 0), 400)
			.path("errors")
			.findValuesAsString("field")).containsExactly("partitions");
		assertThat(this.api.call("GET", "/api/connectors/crates/wait?timeout=60s", null, 200).path("status").asString())
			.isEqualTo("available");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(warnings("crates"))
				.anyMatch((w) -> w.startsWith("topic crates.public.crates has 1 partition(s), not the 2 asked")));
		assertThat(partitionsOf("crates.public.crates")).isEqualTo(1);
		this.api.call("DELETE", "/api/connectors/crates", null, 200);
	}

	private void table(String table) {
		this.monolith.sql("create table " + table + " (id bigint primary key, body text not null)").update();
		this.monolith.sql("create publication " + table + "_publication for table " + table).update();
	}

	private void createConnector(String table, int partitions) {
		this.api.call("POST", "/api/connectors",
				Map.of("name", table, "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public." + table), "publication", table + "_publication", "partitions",
						partitions),
				201);
		assertThat(this.api.call("GET", "/api/connectors/" + table + "/wait?timeout=60s", null, 200)
			.path("status")
			.asString()).isEqualTo("available");
	}

	private List<String> warnings(String connector) {
		return this.api.info(connector).path("warnings").valueStream().map(JsonNode::asString).toList();
	}

	private List<ConsumerRecord<String, String>> eventsOf(String topic, long id) {
		return TopicReader.readAll(this.kafka.bootstrapServers(), topic).stream().filter((r) -> id(r) == id).toList();
	}

	private long id(ConsumerRecord<String, String> record) {
		JsonNode key = this.mapper.readTree(record.key());
		return (key.has("payload") ? key.path("payload") : key).path("id").asLong();
	}

	private String op(ConsumerRecord<String, String> record) {
		return (record.value() != null) ? payload(record).path("op").asString() : "tombstone";
	}

	private JsonNode payload(ConsumerRecord<String, String> record) {
		return this.mapper.readTree(record.value()).path("payload");
	}

	private int partitionsOf(String topic) throws Exception {
		try (Admin admin = admin()) {
			return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
		}
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()));
	}

}
