package cdcdemo.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cdcdemo.cli.RunningBridge.Run;
import cdcdemo.cli.bridge.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --partitions}, {@code --engine} and {@code --cluster}, and
 * {@code connectors:move}, as the CLI reads them and sends them, against a stand-in for
 * the bridge that records each request and answers with one connector: no PostgreSQL or
 * Kafka needed to see that each flag becomes its field of the request, and that
 * {@code info} shows them. (The bridge's side of each runs on real servers in the
 * bridge's own tests: {@code TopicPartitionsTests}, {@code KafkaConnectEngineTests}.)
 */
class ConnectorFlagsTests {

	private static final String CONNECTOR = """
			{"name":"audit","status":"available","source":"cdc@db:5432/users","store":"kafka:9092",
			 "tables":[{"table":"public.users","topic":"audit.public.users","replicaIdentity":"default"}],
			 "excludedColumns":[],"publication":"audit_publication","heartbeatTopic":"heartbeat.audit",
			 "settings":{},"eventsPublished":0,"eventsPerSecond":0.0,
			 "delivery":{"guarantee":"exactly-once","commits":0,"restarts":0,"skipped":[],"maxEventBytes":1048576,
			  "partitions":3},
			 "warnings":[],"engine":"kafka-connect","cluster":"scale"}
			""";

	private final List<String> requests = new ArrayList<>();

	private HttpServer bridge;

	@BeforeEach
	void start() throws IOException {
		this.bridge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.bridge.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
			byte[] answer = CONNECTOR.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 201 : 200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.bridge.start();
	}

	@AfterEach
	void stop() {
		this.bridge.stop(0);
	}

	@Test
	void createSendsThePartitions() {
		Run run = cdc("connectors:create", "audit", "--source", "jdbc:postgresql://db:5432/users", "--user", "cdc",
				"--table", "public.users", "--partitions", "3");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(sent("POST /api/connectors").path("partitions").asInt()).isEqualTo(3);
	}

	@Test
	void updateSendsThePartitionsAloneAsAChange() {
		Run run = cdc("connectors:update", "audit", "--partitions", "6");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode update = sent("PATCH /api/connectors/audit");
		assertThat(update.propertyNames()).containsExactly("partitions");
		assertThat(update.path("partitions").asInt()).isEqualTo(6);
	}

	@Test
	void refusesPartitionsThatAreNotANumber() {
		Run run = cdc("connectors:create", "audit", "--source", "jdbc:postgresql://db:5432/users", "--user", "cdc",
				"--table", "public.users", "--partitions", "many");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Invalid value for option '--partitions'");
		assertThat(this.requests).isEmpty();
	}

	@Test
	void infoShowsThePartitions() {
		Run run = cdc("connectors:info", "audit");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out())
			.containsPattern("Partitions:\\s+3 per topic it creates \\(a row's events on one, in order\\)");
	}

	@Test
	void createSendsTheEngineAndCluster() {
		Run run = cdc("connectors:create", "audit", "--source", "jdbc:postgresql://db:5432/users", "--user", "cdc",
				"--table", "public.users", "--engine", "kafka-connect", "--cluster", "scale");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode request = sent("POST /api/connectors");
		assertThat(request.path("engine").asString()).isEqualTo("kafka-connect");
		assertThat(request.path("cluster").asString()).isEqualTo("scale");
	}

	@Test
	void moveSendsTheEngineAndShowsWhereTheConnectorRunsNow() {
		Run run = cdc("connectors:move", "audit", "--engine", "kafka-connect");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode move = sent("POST /api/connectors/audit/move");
		assertThat(move.propertyNames()).containsExactly("engine");
		assertThat(move.path("engine").asString()).isEqualTo("kafka-connect");
		assertThat(run.out()).contains("audit");
	}

	@Test
	void moveNeedsAnEngine() {
		Run run = cdc("connectors:move", "audit");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Missing required option: '--engine=ENGINE'");
		assertThat(this.requests).isEmpty();
	}

	@Test
	void infoShowsTheEngine() {
		Run run = cdc("connectors:info", "audit");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).containsPattern("Engine:\\s+kafka-connect \\(cluster scale\\)");
	}

	private Run cdc(String... args) {
		List<String> all = new ArrayList<>(
				List.of("--bridge", "http://127.0.0.1:" + this.bridge.getAddress().getPort()));
		all.addAll(List.of(args));
		return RunningBridge.run(all.toArray(String[]::new));
	}

	private JsonNode sent(String request) {
		String body = this.requests.stream()
			.filter((r) -> r.startsWith(request + " "))
			.findFirst()
			.orElseThrow(() -> new AssertionError(request + " not among " + this.requests))
			.substring(request.length() + 1);
		return Json.MAPPER.readTree(body);
	}

}
