package cdcdemo.benchmark.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cdcdemo.platform.FreePort;
import cdcdemo.platform.apps.AppProcess;

/**
 * cdc-bridge as the platform runs it: its executable jar in a JVM of its own, configured
 * through environment variables only, with its shipped defaults. The benchmark talks to
 * it over its API: pause and resume, the Kafka Connect export of its connector, and the
 * actuator's heap gauge.
 */
final class BridgeProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * The login of this run's bridge, generated: the user {@code admin}, over HTTP Basic.
	 */
	private static final String ADMIN_PASSWORD = java.util.UUID.randomUUID().toString();

	private static final ObjectMapper json = new ObjectMapper();

	private final AppProcess app;

	private final String connector;

	private BridgeProcess(AppProcess app, String connector) {
		this.app = app;
		this.connector = connector;
	}

	static BridgeProcess start(Path home, String connector, String kafka, int postgresPort, String jvmOptions,
			Path logs) throws IOException {
		Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "CONNECTOR_NAME", connector,
				"SOURCE_DB_HOST", "127.0.0.1", "SOURCE_DB_PORT", Integer.toString(postgresPort), "SOURCE_DB_NAME",
				"users", "SOURCE_DB_USER", "cdc_bridge", "SOURCE_DB_PASSWORD", "cdc_bridge", "PLATFORM_ADMIN_PASSWORD",
				ADMIN_PASSWORD);
		AppProcess app = AppProcess.start(home, "cdc-bridge", FreePort.orAny(0), env, jvmOptions, logs);
		BridgeProcess bridge = new BridgeProcess(app, connector);
		try {
			app.awaitHealthy(Duration.ofMinutes(3));
			bridge.awaitAvailable();
			return bridge;
		}
		catch (IOException | RuntimeException ex) {
			app.stop();
			throw ex;
		}
	}

	long pid() {
		return this.app.pid();
	}

	void pause() throws IOException {
		expectOk(call("POST", "/api/connectors/" + this.connector + "/pause"), "pause");
	}

	void resume() throws IOException {
		expectOk(call("POST", "/api/connectors/" + this.connector + "/resume"), "resume");
	}

	void awaitAvailable() throws IOException {
		HttpResponse<String> response = call("GET", "/api/connectors/" + this.connector + "/wait?timeout=120s");
		if (response.statusCode() != 200) {
			throw new IllegalStateException("connector " + this.connector + " is not streaming: " + response.body()
					+ "; see " + this.app.log());
		}
	}

	/**
	 * The Debezium connector configuration the bridge gives for its connector, as a Kafka
	 * Connect worker takes it.
	 */
	Map<String, String> kafkaConnectConfig() throws IOException {
		HttpResponse<String> response = call("GET", "/api/connectors/" + this.connector + "/kafka-connect");
		expectOk(response, "kafka-connect export");
		Map<String, String> config = new HashMap<>();
		json.readTree(response.body())
			.path("config")
			.properties()
			.forEach((e) -> config.put(e.getKey(), e.getValue().asText()));
		return config;
	}

	/**
	 * An actuator gauge, e.g. {@code jvm.memory.used?tag=area:heap}.
	 * @param metric name and tags
	 * @return its value, -1 if the bridge does not answer
	 */
	long metric(String metric) {
		try {
			HttpResponse<String> response = call("GET", "/actuator/metrics/" + metric);
			JsonNode value = json.readTree(response.body()).path("measurements").path(0).path("value");
			return value.isNumber() ? value.asLong() : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private HttpResponse<String> call(String method, String path) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.app.url() + path))
			.timeout(Duration.ofMinutes(3))
			.header("Content-Type", "application/json")
			.header("Authorization",
					"Basic " + java.util.Base64.getEncoder()
						.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	private void expectOk(HttpResponse<String> response, String what) {
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(what + " of " + this.connector + ": HTTP " + response.statusCode() + " "
					+ response.body() + "; see " + this.app.log());
		}
	}

	@Override
	public void close() {
		this.app.stop();
	}

}
