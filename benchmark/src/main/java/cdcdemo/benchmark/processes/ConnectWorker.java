package cdcdemo.benchmark.processes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

import cdcdemo.platform.FreePort;

/**
 * A Kafka Connect worker (distributed mode, connect-runtime) with the Debezium PostgreSQL
 * connector on its class path, in a JVM of its own, and a small client of its REST API.
 * It gets the same converter, producer settings and offset flush interval as cdc-bridge;
 * connectors can override producer settings
 * ({@code connector.client.config.override.policy=All}), which is how the tuned peer
 * differs. Exactly-once source support (KIP-618,
 * {@code exactly.once.source.support=enabled}) is a setting of the whole worker and of
 * every source connector on it, so the peer that uses it gets a worker, a group and
 * internal topics of its own.
 */
public final class ConnectWorker implements AutoCloseable {

	public static final String ROLE = "connect-worker";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final ObjectMapper json = new ObjectMapper();

	private final ChildJvm jvm;

	private final String url;

	private ConnectWorker(ChildJvm jvm, String url) {
		this.jvm = jvm;
		this.url = url;
	}

	/**
	 * The worker process: runs until it is sent SIGTERM (Connect stops itself in its
	 * shutdown hook).
	 */
	public static void serve(String[] args) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
			properties.load(reader);
		}
		Map<String, String> config = new HashMap<>();
		properties.stringPropertyNames().forEach((name) -> config.put(name, properties.getProperty(name)));
		Connect<?> connect = new ConnectDistributed().startConnect(config);
		connect.awaitStop();
	}

	/**
	 * Start a worker.
	 * @param name the worker's name: its group id is {@code benchmark-<name>}, its
	 * internal topics {@code <name>-configs}, {@code <name>-offsets} and
	 * {@code <name>-status}, its log {@code <name>-worker.log}
	 * @param workerConfig settings on top of the common ones (e.g.
	 * {@code exactly.once.source.support})
	 * @param bootstrapServers Kafka
	 * @param producer producer settings of every connector's producer, without the
	 * {@code producer.} prefix
	 * @param offsetFlushInterval how often source offsets are committed
	 * @param jvmOptions the worker JVM's options
	 * @param workDir where its configuration and log go
	 * @return the worker, its REST API answering
	 */
	public static ConnectWorker start(String name, Map<String, String> workerConfig, String bootstrapServers,
			Map<String, String> producer, Duration offsetFlushInterval, String jvmOptions, Path workDir)
			throws IOException {
		int port = FreePort.orAny(0);
		Properties worker = new Properties();
		worker.put("bootstrap.servers", bootstrapServers);
		worker.put("group.id", "benchmark-" + name);
		worker.put("config.storage.topic", name + "-configs");
		worker.put("offset.storage.topic", name + "-offsets");
		worker.put("status.storage.topic", name + "-status");
		worker.put("config.storage.replication.factor", "1");
		worker.put("offset.storage.replication.factor", "1");
		worker.put("status.storage.replication.factor", "1");
		worker.put("offset.storage.partitions", "1");
		worker.put("status.storage.partitions", "1");
		worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
		worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
		worker.put("offset.flush.interval.ms", Long.toString(offsetFlushInterval.toMillis()));
		worker.put("listeners", "http://127.0.0.1:" + port);
		worker.put("connector.client.config.override.policy", "All");
		producer.forEach((k, v) -> worker.put("producer." + k, v));
		worker.putAll(workerConfig);
		Files.createDirectories(workDir);
		Path file = workDir.resolve(name + "-worker.properties");
		try (Writer writer = Files.newBufferedWriter(file)) {
			worker.store(writer, "benchmark Kafka Connect worker");
		}
		ChildJvm jvm = ChildJvm.start(ROLE, name + "-worker", jvmOptions, List.of(file.toString()),
				workDir.resolve("logs"));
		ConnectWorker connect = new ConnectWorker(jvm, "http://127.0.0.1:" + port);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline) {
			jvm.assertAlive("the Kafka Connect worker");
			try {
				if (connect.call("GET", "/connectors", null).statusCode() == 200) {
					return connect;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			sleep(250);
		}
		connect.close();
		throw new IllegalStateException("the Kafka Connect worker " + name + " did not start; see " + jvm.log());
	}

	public long pid() {
		return this.jvm.pid();
	}

	public void createConnector(String name, Map<String, String> config) throws IOException {
		expectOk(call("PUT", "/connectors/" + name + "/config", json.writeValueAsString(config)), "create " + name);
	}

	/**
	 * Wait until the connector and its task are in the state ({@code RUNNING},
	 * {@code STOPPED}).
	 */
	public void awaitState(String name, String state, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String seen = "";
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = call("GET", "/connectors/" + name + "/status", null);
			if (response.statusCode() == 200) {
				JsonNode status = json.readTree(response.body());
				String connector = status.path("connector").path("state").asText();
				JsonNode tasks = status.path("tasks");
				boolean tasksOk = "STOPPED".equals(state) ? tasks.isEmpty()
						: (tasks.size() > 0 && state.equals(tasks.path(0).path("state").asText()));
				if (state.equals(connector) && tasksOk) {
					return;
				}
				if ("FAILED".equals(tasks.path(0).path("state").asText())) {
					throw new IllegalStateException(name + " failed: " + tasks.path(0).path("trace").asText());
				}
				seen = response.body();
			}
			sleep(100);
		}
		throw new IllegalStateException(name + " not " + state + " within " + timeout + ": " + seen);
	}

	/**
	 * Stop the connector's tasks (Kafka 3.5+): its offsets are committed, and its slot
	 * waits.
	 */
	public void stop(String name) throws IOException {
		expectOk(call("PUT", "/connectors/" + name + "/stop", null), "stop " + name);
	}

	public void resume(String name) throws IOException {
		expectOk(call("PUT", "/connectors/" + name + "/resume", null), "resume " + name);
	}

	private HttpResponse<String> call(String method, String path, String body) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json");
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	private static void expectOk(HttpResponse<String> response, String what) {
		if (response.statusCode() / 100 != 2) {
			throw new UncheckedIOException(
					new IOException(what + ": HTTP " + response.statusCode() + " " + response.body()));
		}
	}

	private static void sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stop the worker at once (SIGKILL). */
	public void kill() {
		this.jvm.kill();
	}

	@Override
	public void close() {
		this.jvm.close();
	}

}
