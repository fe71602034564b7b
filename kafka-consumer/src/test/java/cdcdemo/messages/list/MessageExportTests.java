package cdcdemo.messages.list;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.kafka.TopicWriter;
import cdcdemo.testsupport.servers.RealServers;
import cdcdemo.testsupport.servers.RealServersExtension;
import static cdcdemo.messages.list.ChangeEventRecords.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export on a real broker: 10,000 of 12,000 records of about 20 KB each (some 240 MB)
 * selected by a filter and streamed as JSON lines, read by the client line by line; the
 * log says it was read in pages of at most one poll, and the test JVM's 512 MB heap
 * (surefire's argLine) holds the broker as well, so an export that collected the records
 * or the response in memory would fail. CSV keeps values with commas, quotes and line
 * breaks intact.
 */
@Tag("system")
@RealServers(kafka = true, shared = false)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "messages.topics=monolith.public.users")
@ExtendWith(OutputCaptureExtension.class)
class MessageExportTests {

	private static final String EVENTS = "monolith.public.events";

	private static final String NOTES = "monolith.public.notes";

	private static final String TRICKY = "a \"quoted\", comma\nand a line break; <b>é</b>";

	static TopicWriter kafka;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.ADMIN.authenticator()).build();

	/**
	 * Events 0..11,999 over two partitions; every sixth one is an update, the rest
	 * creates; each carries 20,000 characters of padding.
	 */
	@BeforeAll
	static void startKafkaWithRecords() throws Exception {
		kafka = TopicWriter.to(RealServersExtension.kafka().bootstrapServers());
		kafka.createTopic("monolith.public.users", 1);
		kafka.createTopic(EVENTS, 2);
		String padding = "x".repeat(20_000);
		List<ProducerRecord<String, String>> batch = new ArrayList<>();
		for (int i = 0; i < 12_000; i++) {
			String op = (i % 6 == 5) ? "u" : "c";
			batch.add(new ProducerRecord<>(EVENTS, i % 2, "{\"payload\":{\"id\":" + i + "}}",
					event("events", op, "null", "{\"id\":" + i + ",\"padding\":\"" + padding + "\"}")));
			if (batch.size() == 500) {
				kafka.sendAll(batch);
				batch.clear();
			}
		}
		assertThat(kafka.endOffsets(EVENTS)).as("records on the topic").isEqualTo(12_000);
		kafka.createTopic(NOTES, 1);
		kafka.send(NOTES, "{\"payload\":{\"id\":1}}", TRICKY, Map.of("origin", "csv, \"test\""));
		kafka.send(NOTES, "{\"payload\":{\"id\":2}}", null);
	}

	@AfterAll
	static void stopKafka() {
		if (kafka != null) {
			kafka.close();
		}
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("messages.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@Test
	void streamsTenThousandFilteredEventsAsJsonLinesInPages(CapturedOutput output) throws Exception {
		HttpResponse<Stream<String>> response = this.http.send(request("/api/export?topic=" + EVENTS + "&op=c"),
				BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson;charset=UTF-8");
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + EVENTS + ".jsonl\"");

		AtomicLong lines = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		Map<Integer, Long> lastOffset = new HashMap<>();
		try (Stream<String> body = response.body()) {
			body.forEach((line) -> {
				JsonNode record = this.json.readTree(line);
				assertThat(record.get("op").asString()).isEqualTo("c");
				assertThat(record.get("value").asString()).hasSizeGreaterThan(20_000).contains("\"op\":\"c\"");
				int partition = record.get("partition").asInt();
				long offset = record.get("offset").asLong();
				assertThat(offset).isGreaterThan(lastOffset.getOrDefault(partition, -1L));
				lastOffset.put(partition, offset);
				lines.incrementAndGet();
				bytes.addAndGet(line.length() + 1);
			});
		}
		assertThat(lines).hasValue(10_000);
		assertThat(bytes.get()).isGreaterThan(200_000_000L);
		Matcher log = Pattern
			.compile("Exported 10000 of 12000 records read from " + Pattern.quote(EVENTS)
					+ " as jsonl, in (\\d+) pages of at most (\\d+) records")
			.matcher(output.getOut());
		assertThat(log.find()).as("the export's log line").isTrue();
		assertThat(Integer.parseInt(log.group(1))).isGreaterThanOrEqualTo(12_000 / TopicExport.PAGE_SIZE);
		assertThat(Integer.parseInt(log.group(2))).isLessThanOrEqualTo(TopicExport.PAGE_SIZE);
	}

	@Test
	void exportsFromAnOffsetOfOnePartitionAsCsvThatKeepsEveryCharacter() throws Exception {
		List<Map<String, String>> rows = csv(
				"/api/export?topic=" + EVENTS + "&format=csv&seek=offset&partition=1&offset=5990&op=u");
		assertThat(rows).extracting((row) -> row.get("offset")).containsExactly("5990", "5993", "5996", "5999");
		assertThat(rows).allSatisfy((row) -> assertThat(row.get("partition")).isEqualTo("1"));

		List<Map<String, String>> notes = csv("/api/export?topic=" + NOTES + "&format=csv");
		assertThat(notes).hasSize(2);
		assertThat(notes.get(0).get("value")).isEqualTo(TRICKY);
		assertThat(notes.get(0).get("op")).isEqualTo("raw");
		assertThat(this.json.readTree(notes.get(0).get("headers")).get("origin").asString()).isEqualTo("csv, \"test\"");
		assertThat(notes.get(1).get("op")).isEqualTo("tombstone");
		assertThat(notes.get(1).get("value")).isEmpty();
	}

	@Test
	void refusesAnUnknownFormatOrPositionWithTheReasonAndAnUnknownTopic() throws Exception {
		HttpResponse<String> format = get("/api/export?topic=" + NOTES + "&format=xlsx");
		assertThat(format.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(format.body()).get("detail").asString()).contains("format must be jsonl or csv");
		HttpResponse<String> seek = get("/api/export?topic=" + NOTES + "&seek=timestamp&from=" + encode("10:42"));
		assertThat(seek.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(seek.body()).get("detail").asString()).contains("ISO-8601");
		assertThat(get("/api/export?topic=" + NOTES + "&seek=offset&partition=3&offset=0").statusCode()).isEqualTo(404);
		assertThat(get("/api/export?topic=cdc-bridge-offsets").statusCode()).isEqualTo(404);
	}

	private List<Map<String, String>> csv(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		List<Map<String, String>> rows = new ArrayList<>();
		try (MappingIterator<Map<String, String>> lines = new CsvMapper().readerForMapOf(String.class)
			.with(CsvSchema.emptySchema().withHeader())
			.readValues(response.body())) {
			lines.forEachRemaining(rows::add);
		}
		return rows;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path), BodyHandlers.ofString());
	}

}
