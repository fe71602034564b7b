package cdcdemo.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changes Kafka cannot take, in the middle of a stream of changes: a connector
 * {@code notes} on its own table gets {@link FaultScenario#CHANGES} inserts, each its own
 * transaction, two of them rows of 2.2 MB (over the default 1 MiB an event may be). The
 * first stops the connector in {@code failed}; the operator skips it, and its reference
 * record goes to the dead-letter topic. The second stops it again; the operator raises
 * the connector's {@code maxEventBytes}, and it is delivered. Every other row arrives
 * once, in order, for a {@code read_committed} reader, whatever the aborted attempts
 * wrote.
 */
@Tag("system")
@Order(9)
@ExtendWith(PlatformParameterResolver.class)
class RefusedEventTests {

	static final String CONNECTOR = "notes";

	static final String TOPIC = CONNECTOR + ".public.notes";

	static final long FIRST_ID = 10_000_000;

	static final String LARGE = "x".repeat(2_200_000);

	private static final HttpClient http = FaultPlatform.http;

	private static final JsonMapper json = JsonMapper.shared();

	@Test
	void aSkippedChangeAndARaisedLimitLoseNothingAndRepeatNothing(FaultPlatform platform) {
		JdbcClient monolith = JdbcClient.create(platform.usersDatabase());
		monolith.sql("create table notes (id bigint primary key, body text not null)").update();
		monolith.sql("create publication notes_publication for table notes").update();
		try {
			createConnector(platform);
			run(platform, monolith);
		}
		finally {
			call(platform, "DELETE", "/api/connectors/" + CONNECTOR, null);
			monolith.sql("drop publication notes_publication").update();
			monolith.sql("drop table notes").update();
		}
	}

	private void run(FaultPlatform platform, JdbcClient monolith) {
		int changes = FaultScenario.CHANGES;
		long skippedId = FIRST_ID + changes / 3;
		long raisedId = FIRST_ID + 2 * changes / 3;
		for (long id = FIRST_ID; id < FIRST_ID + changes; id++) {
			monolith.sql("insert into notes values (?, ?)")
				.params(id, (id == skippedId || id == raisedId) ? LARGE : "note " + id)
				.update();
		}

		JsonNode failed = awaitRefused(platform, skippedId);
		assertThat(failed.path("reason").asString()).contains(TOPIC, "{\"id\":" + skippedId + "}", "max.request.size");
		Instant skip = Instant.now();
		assertThat(call(platform, "POST", "/api/connectors/" + CONNECTOR + "/skip", null).statusCode()).isEqualTo(200);
		awaitRefused(platform, raisedId);
		Duration skipToNextRefusal = Duration.between(skip, Instant.now());

		Instant raise = Instant.now();
		HttpResponse<String> raised = call(platform, "PATCH", "/api/connectors/" + CONNECTOR,
				"{\"maxEventBytes\": 4000000}");
		assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
		List<Long> expected = LongStream.range(FIRST_ID, FIRST_ID + changes)
			.filter((id) -> id != skippedId)
			.boxed()
			.toList();
		try (TopicReader reader = TopicReader.from(platform.bootstrapServers(), TOPIC, 0)) {
			await().atMost(Duration.ofMinutes(3))
				.until(() -> ids(reader.catchUp()).size() >= expected.size()
						&& ids(reader.catchUp()).contains(raisedId));
			Duration raiseToComplete = Duration.between(raise, Instant.now());
			List<Long> delivered = ids(reader.catchUp());
			Map<Long, Long> counts = delivered.stream()
				.collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
			long duplicates = counts.values().stream().mapToLong((n) -> n - 1).sum();
			long lost = expected.stream().filter((id) -> !counts.containsKey(id)).count();
			List<ConsumerRecord<String, String>> deadLetters;
			try (TopicReader dlt = TopicReader.from(platform.bootstrapServers(), TOPIC + ".DLT", 0)) {
				deadLetters = dlt.catchUp();
			}
			JsonNode info = json.readTree(call(platform, "GET", "/api/connectors/" + CONNECTOR, null).body());
			FaultResults.line("refused-event-skip-then-raise",
					List.of("committed=" + changes, "delivered=" + counts.size(), "lost=" + lost,
							"duplicates=" + duplicates, "skipped=" + (changes - expected.size()),
							"dead-lettered=" + deadLetters.size(),
							"restarts=" + info.path("delivery").path("restarts").asInt(),
							String.format("skip-to-next-refusal=%.1fs", skipToNextRefusal.toMillis() / 1000.0),
							String.format("raise-to-complete=%.1fs", raiseToComplete.toMillis() / 1000.0)));

			assertThat(lost).isZero();
			assertThat(duplicates).isZero();
			assertThat(delivered).as("every row once, in commit order").isEqualTo(expected);
			assertThat(deadLetters).hasSize(1);
			JsonNode reference = json.readTree(deadLetters.get(0).value());
			assertThat(reference.path("key").asString()).isEqualTo("{\"id\":" + skippedId + "}");
			assertThat(reference.path("bytes").asInt()).isGreaterThan(2_200_000);
			assertThat(info.path("status").asString()).isEqualTo("available");
			assertThat(info.path("delivery").path("restarts").asInt()).as("a refusal is not retried").isZero();
		}
	}

	private static void createConnector(FaultPlatform platform) {
		String request = json.writeValueAsString(Map.of("name", CONNECTOR, "source",
				Map.of("jdbcUrl", platform.postgres().jdbcUrl("users"), "user", "cdc_bridge", "password", "cdc_bridge"),
				"tables", List.of("public.notes"), "publication", "notes_publication"));
		HttpResponse<String> created = call(platform, "POST", "/api/connectors", request);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		await().atMost(Duration.ofMinutes(2))
			.until(() -> "available".equals(status(platform).path("status").asString()));
	}

	private static JsonNode awaitRefused(FaultPlatform platform, long id) {
		String key = "{\"id\":" + id + "}";
		return await().atMost(Duration.ofMinutes(2))
			.until(() -> status(platform), (info) -> "failed".equals(info.path("status").asString())
					&& key.equals(info.path("delivery").path("refusedEvent").path("key").asString()));
	}

	private static JsonNode status(FaultPlatform platform) {
		return json.readTree(call(platform, "GET", "/api/connectors/" + CONNECTOR, null).body());
	}

	private static List<Long> ids(List<ConsumerRecord<String, String>> records) {
		return records.stream()
			.filter((record) -> record.value() != null)
			.map((record) -> json.readTree(record.value()).path("payload").path("after").path("id").asLong())
			.toList();
	}

	private static HttpResponse<String> call(FaultPlatform platform, String method, String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(platform.app(FaultPlatform.BRIDGE).url() + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
