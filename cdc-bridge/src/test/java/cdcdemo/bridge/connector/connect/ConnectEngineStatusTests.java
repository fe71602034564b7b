package cdcdemo.bridge.connector.connect;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.engine.ConnectorMetrics;
import cdcdemo.bridge.connector.engine.ConnectorRuntime.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The states a connector on a cluster goes through as the bridge starts it, against a
 * scripted Kafka Connect REST API: Kafka Connect resumes asynchronously (202), and its
 * status says {@code STOPPED} for a while after; that is the bridge's own resume under
 * way, not a pause. Reported as {@code paused}, it made a wait for the connector end at
 * once, with the connector about to run (seen in {@code KafkaConnectEngineTests} on a
 * loaded machine).
 */
class ConnectEngineStatusTests {

	private static final String STOPPED = """
			{"name":"audit","connector":{"state":"STOPPED","worker_id":"w:8083"},"tasks":[],"type":"source"}""";

	private static final String RUNNING = """
			{"name":"audit","connector":{"state":"RUNNING","worker_id":"w:8083"},
			"tasks":[{"id":0,"state":"RUNNING","worker_id":"w:8083"}],"type":"source"}""";

	private HttpServer worker;

	private final AtomicInteger stoppedAnswers = new AtomicInteger();

	private final Queue<String> requests = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void startTheWorker() throws IOException {
		this.worker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.worker.createContext("/", this::answer);
		this.worker.start();
	}

	@AfterEach
	void stopTheWorker() {
		this.worker.stop(0);
	}

	@Test
	void aConnectorBeingResumedIsStartingNotPaused() {
		this.stoppedAnswers.set(Integer.MAX_VALUE);
		ConnectEngine engine = engine();
		engine.start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.requests.stream().filter("GET /connectors/audit/status"::equals).count() >= 2);
			assertThat(engine.status().state()).isEqualTo(State.CREATING);
			assertThat(engine.status().reason()).startsWith("resuming it on the Kafka Connect cluster test");
			assertThat(this.requests).as("the configuration, then the resume, then the status")
				.startsWith("PUT /connector-plugins/io.debezium.connector.postgresql.PostgresConnector/config/validate",
						"PUT /connectors/audit/config", "PUT /connectors/audit/resume", "GET /connectors/audit/status");

			this.stoppedAnswers.set(0);
			await().atMost(Duration.ofSeconds(30)).until(() -> engine.status().state() == State.AVAILABLE);
		}
		finally {
			engine.stopForShutdown();
		}
	}

	@Test
	void aConnectorStoppedOnTheClusterAfterItRanIsPaused() {
		this.stoppedAnswers.set(0);
		ConnectEngine engine = engine();
		engine.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> engine.status().state() == State.AVAILABLE);
			this.stoppedAnswers.set(Integer.MAX_VALUE);
			await().atMost(Duration.ofSeconds(30)).until(() -> engine.status().state() == State.PAUSED);
			assertThat(engine.status().reason()).isEqualTo("stopped on the Kafka Connect cluster test ("
					+ "http://127.0.0.1:" + this.worker.getAddress().getPort() + ")");
		}
		finally {
			engine.stopForShutdown();
		}
	}

	private ConnectEngine engine() {
		ConnectorDefinition definition = new ConnectorDefinition("audit",
				new ConnectorDefinition.SourceDatabase("db", 5432, "users", "cdc", "x"), "127.0.0.1:1",
				List.of("public.users"), List.of(), "audit_publication", true, Map.of(), false, List.of(), null, null)
			.withConnectCluster("test");
		ConnectRest rest = new ConnectRest("test",
				List.of(URI.create("http://127.0.0.1:" + this.worker.getAddress().getPort())));
		return new ConnectEngine(definition, rest, Map.of("connector.class", ConnectRest.PLUGIN),
				new ConnectorMetrics(new SimpleMeterRegistry(), "audit"));
	}

	/**
	 * The validation has no problem, the configuration and the resume are taken, and the
	 * status says {@code STOPPED} as long as {@link #stoppedAnswers} is above 0 (it
	 * counts down with each answer), {@code RUNNING} after.
	 */
	private void answer(HttpExchange exchange) throws IOException {
		String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
		this.requests.add(request);
		exchange.getRequestBody().readAllBytes();
		if (request.endsWith("/config/validate")) {
			send(exchange, 200, "{\"name\":\"PostgresConnector\",\"error_count\":0,\"configs\":[]}");
		}
		else if (request.equals("PUT /connectors/audit/config")) {
			send(exchange, 200, "{\"name\":\"audit\",\"config\":{},\"tasks\":[],\"type\":\"source\"}");
		}
		else if (request.equals("PUT /connectors/audit/resume")) {
			send(exchange, 202, "");
		}
		else if (request.equals("GET /connectors/audit/status")) {
			send(exchange, 200, (this.stoppedAnswers.getAndDecrement() > 0) ? STOPPED : RUNNING);
		}
		else {
			send(exchange, 404, "{\"error_code\":404,\"message\":\"not scripted\"}");
		}
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

}
