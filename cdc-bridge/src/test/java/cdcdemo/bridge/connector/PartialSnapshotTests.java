package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;

import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reading again only some rows of a table, on a real PostgreSQL and Kafka: the rows that
 * match the condition arrive as {@code op=r} events and no others, and a condition
 * PostgreSQL refuses is refused with its message before any snapshot starts.
 */
class PartialSnapshotTests extends BridgeSystemTest {

	@Test
	void readsAgainOnlyTheRowsThatMatchTheCondition() {
		this.monolith.sql("create table orders (id bigint primary key, status text not null)").update();
		this.monolith
			.sql("insert into orders select i, case when i % 10 = 0 then 'lost' else 'fine' end "
					+ "from generate_series(1, 1000) i")
			.update();
		this.monolith.sql("create publication orders_publication for table orders").update();
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		api.call("POST", "/api/connectors",
				Map.of("name", "orders", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.orders"), "publication", "orders_publication"),
				201);
		await().atMost(Duration.ofSeconds(60)).until(() -> reads().size() == 1000);

		JsonNode refused = api.call("POST", "/api/connectors/orders/snapshots",
				Map.of("table", "public.orders", "where", "stauts = 'lost'"), 400);
		assertThat(refused.path("errors").get(0).path("field").asString()).isEqualTo("where");
		assertThat(refused.path("errors").get(0).path("message").asString())
			.contains("PostgreSQL refuses `stauts = 'lost'` on public.orders", "stauts");
		assertThat(api
			.call("POST", "/api/connectors/orders/snapshots",
					Map.of("table", "public.orders", "where", "true; delete from orders"), 400)
			.path("errors")
			.get(0)
			.path("field")
			.asString()).isEqualTo("where");

		// the page refuses the same mistake with PostgreSQL's words, and asks for the
		// rows with the right one
		Element form = api.page().selectFirst("#connector-orders form.snapshot");
		form.selectFirst("input[name=where]").val("stauts = 'lost'");
		assertThat(api.submit(form).selectFirst("#error").text()).contains("PostgreSQL refuses", "stauts");
		form = api.page().selectFirst("#connector-orders form.snapshot");
		form.selectFirst("input[name=where]").val("status = 'lost'");
		assertThat(api.submit(form).selectFirst("#flash").text())
			.startsWith("Snapshot of public.orders where status = 'lost' requested");
		await().atMost(Duration.ofSeconds(60)).until(() -> reads().size() >= 1100);
		this.monolith.sql("insert into orders values (1001, 'after')").update();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> TopicReader.readAll(this.kafka.bootstrapServers(), "orders.public.orders")
				.stream()
				.anyMatch((r) -> r.value() != null && payload(r.value()).path("after").path("id").asLong() == 1001));
		List<JsonNode> again = reads().subList(1000, reads().size());
		assertThat(again).hasSize(100)
			.allSatisfy((read) -> assertThat(read.path("after").path("status").asString()).isEqualTo("lost"));
		assertThat(this.monolith.sql("select count(*) from orders").query(Long.class).single())
			.as("the refused condition ran nothing")
			.isEqualTo(1001);
		api.call("DELETE", "/api/connectors/orders", null, 200);
	}

	private List<JsonNode> reads() {
		return TopicReader.readAll(this.kafka.bootstrapServers(), "orders.public.orders")
			.stream()
			.filter((r) -> r.value() != null)
			.map((r) -> payload(r.value()))
			.filter((payload) -> payload.path("op").asString().equals("r"))
			.toList();
	}

	private JsonNode payload(String value) {
		return this.mapper.readTree(value).path("payload");
	}

}
