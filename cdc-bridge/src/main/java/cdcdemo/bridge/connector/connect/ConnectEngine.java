package cdcdemo.bridge.connector.connect;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.engine.ConnectorEngine;
import cdcdemo.bridge.connector.engine.ConnectorMetrics;
import cdcdemo.bridge.connector.engine.OffsetsTopic;
import cdcdemo.bridge.connector.engine.ConnectorRuntime.Health;
import cdcdemo.bridge.connector.engine.ConnectorRuntime.State;
import cdcdemo.bridge.connector.engine.ConnectorRuntime.Status;

/**
 * A connector on a Kafka Connect cluster, driven over the cluster's REST API: started by
 * putting its configuration (and resuming it), stopped with KIP-875's stop, which keeps
 * the configuration and the offsets. Every second the cluster's status of the connector
 * and its task becomes the connector's state, and the growth of its topics' end offsets
 * its events per second (Connect's own metrics are JMX only; the end offsets count each
 * transaction's commit marker too, so the figure runs a little high under exactly-once).
 * The bridge's process ending leaves the connector running on the cluster: that is what
 * the cluster is for.
 */
public final class ConnectEngine implements ConnectorEngine {

	private static final Logger log = LoggerFactory.getLogger(ConnectEngine.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final String EXACTLY_ONCE = "exactly.once.support";

	private final ConnectorDefinition definition;

	private final ConnectRest rest;

	private final Map<String, String> config;

	private volatile boolean exactlyOnce;

	private volatile String deliveryWarning;

	private final ConnectorMetrics metrics;

	private final Admin admin;

	private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.PAUSED, null));

	private final AtomicReference<String> lastError = new AtomicReference<>();

	private volatile Instant lastErrorAt;

	private volatile ScheduledExecutorService watch;

	private volatile boolean started;

	/**
	 * Whether the cluster has reported the connector running since this engine resumed
	 * it. Kafka Connect resumes asynchronously (202 Accepted): until then its status
	 * still says {@code STOPPED}, which is this engine's own resume under way, not a
	 * pause.
	 */
	private volatile boolean seenRunning;

	private long endOffsets = -1;

	private static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(5);

	private static final Duration MAX_RESTART_DELAY = Duration.ofMinutes(1);

	private Instant failedSince;

	private Instant nextRestart;

	private Duration restartDelay = FIRST_RESTART_DELAY;

	private volatile int restarts;

	ConnectEngine(ConnectorDefinition definition, ConnectRest rest, Map<String, String> config,
			ConnectorMetrics metrics) {
		this.definition = definition;
		this.rest = rest;
		this.config = new LinkedHashMap<>(config);
		this.metrics = metrics;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, definition.bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				5000));
	}

	@Override
	public ConnectorDefinition definition() {
		return this.definition;
	}

	@Override
	public synchronized void start() {
		this.status.set(new Status(State.CREATING, "configuring it on " + this.rest.describe()));
		this.started = false;
		this.seenRunning = false;
		this.watch = Executors.newSingleThreadScheduledExecutor((r) -> new Thread(r, "cdc-connect-" + name()));
		this.watch.scheduleWithFixedDelay(this::watch, 0, 1, TimeUnit.SECONDS);
	}

	/**
	 * Put the configuration until the cluster takes it, then follow the cluster's status.
	 */
	private void watch() {
		try {
			if (!this.started) {
				chooseDelivery();
				this.rest.putConfig(name(), this.config);
				this.rest.resume(name());
				this.started = true;
				log.info("Connector {} configured on {}{}", name(), this.rest.describe(),
						this.exactlyOnce ? ", exactly-once" : "");
			}
			this.status.set(statusOf(this.rest.status(name())));
			if (this.status.get().state() == State.AVAILABLE) {
				count();
				this.failedSince = null;
			}
			else if (this.status.get().state() == State.FAILED) {
				restartLater();
			}
		}
		catch (RuntimeException ex) {
			failed(ex.getMessage());
		}
	}

	/**
	 * Exactly-once where the cluster's workers have it: the configuration asks for
	 * {@code exactly.once.support=required}, which a worker without
	 * {@code exactly.once.source.support=enabled} refuses in its validation; then the
	 * connector runs at least once, and its info says why.
	 */
	private void chooseDelivery() {
		this.config.put(EXACTLY_ONCE, "required");
		List<String> problems = this.rest.validate(this.config);
		if (problems.stream().anyMatch((problem) -> problem.startsWith(EXACTLY_ONCE + ":"))) {
			this.config.remove(EXACTLY_ONCE);
			this.exactlyOnce = false;
			this.deliveryWarning = "the workers of " + this.rest.describe() + " do not have "
					+ "exactly.once.source.support=enabled, so the connector runs at least once: a task that fails "
					+ "or moves may send again the events of its last uncommitted batch";
		}
		else {
			this.exactlyOnce = true;
			this.deliveryWarning = null;
		}
		problems.removeIf((problem) -> problem.startsWith(EXACTLY_ONCE + ":"));
		if (!problems.isEmpty()) {
			throw new IllegalStateException(this.rest.describe() + " refuses the configuration: " + problems);
		}
	}

	private Status statusOf(JsonNode answer) {
		if (answer == null) {
			return new Status(State.CREATING, "waiting for " + this.rest.describe() + " to start it");
		}
		String connector = answer.path("connector").path("state").asString("");
		JsonNode task = answer.path("tasks").path(0);
		String taskState = task.path("state").asString("");
		if ("FAILED".equals(connector) || "FAILED".equals(taskState)) {
			String trace = ("FAILED".equals(taskState) ? task : answer.path("connector")).path("trace").asString("");
			String reason = "failed on " + this.rest.describe() + ": " + trace.lines().findFirst().orElse("no trace");
			failed(reason);
			return new Status(State.FAILED, reason);
		}
		if ("RUNNING".equals(connector)) {
			this.seenRunning = true;
		}
		if (("PAUSED".equals(connector) || "STOPPED".equals(connector)) && !this.seenRunning) {
			return new Status(State.CREATING, "resuming it on " + this.rest.describe());
		}
		if ("PAUSED".equals(connector) || "STOPPED".equals(connector)) {
			return new Status(State.PAUSED, connector.toLowerCase() + " on " + this.rest.describe());
		}
		if ("RUNNING".equals(connector) && "RUNNING".equals(taskState)) {
			return new Status(State.AVAILABLE, null);
		}
		return new Status(State.CREATING, "task " + (taskState.isEmpty() ? "not assigned yet" : taskState.toLowerCase())
				+ " on " + this.rest.describe());
	}

	/**
	 * A failed task on a cluster stays failed until someone restarts it (a broker that
	 * was down while it ran, say). The embedded engine retries such failures from its
	 * committed position with a delay that doubles; so does this, through the cluster's
	 * restart of failed tasks, from the task's committed offsets.
	 */
	private void restartLater() {
		Instant now = Instant.now();
		if (this.failedSince == null) {
			this.failedSince = now;
			this.nextRestart = now.plus(FIRST_RESTART_DELAY);
			this.restartDelay = FIRST_RESTART_DELAY;
			return;
		}
		if (now.isBefore(this.nextRestart)) {
			return;
		}
		this.rest.restartFailed(name());
		this.restarts++;
		this.restartDelay = this.restartDelay.multipliedBy(2).compareTo(MAX_RESTART_DELAY) > 0 ? MAX_RESTART_DELAY
				: this.restartDelay.multipliedBy(2);
		this.nextRestart = now.plus(this.restartDelay);
		log.info("Connector {}: restarted its failed task on {} (restart {}; next in {} if it fails again)", name(),
				this.rest.describe(), this.restarts, this.restartDelay);
	}

	private void failed(String reason) {
		if (!reason.equals(this.lastError.getAndSet(reason))) {
			this.lastErrorAt = Instant.now();
			log.warn("Connector {}: {}", name(), reason);
		}
		this.status.set(new Status(State.FAILED, reason));
	}

	/** The events the task wrote since the last look, from its topics' end offsets. */
	private void count() {
		try {
			Set<String> topics = this.admin.listTopics().names().get(5, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> partitions = this.admin
				.describeTopics(this.definition.topics().stream().filter(topics::contains).toList())
				.allTopicNames()
				.get(5, TimeUnit.SECONDS)
				.values()
				.stream()
				.flatMap((topic) -> topic.partitions()
					.stream()
					.map((p) -> new TopicPartition(topic.name(), p.partition())))
				.collect(Collectors.toMap((p) -> p, (p) -> OffsetSpec.latest()));
			long total = this.admin.listOffsets(partitions)
				.all()
				.get(5, TimeUnit.SECONDS)
				.values()
				.stream()
				.mapToLong((info) -> info.offset())
				.sum();
			if (this.endOffsets >= 0 && total > this.endOffsets) {
				this.metrics.published((int) Math.min(Integer.MAX_VALUE, total - this.endOffsets));
			}
			this.endOffsets = total;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			// the rate is left as it was; the state says whether the cluster answers
		}
	}

	/**
	 * Stop the connector's task on the cluster (its configuration and offsets kept), and
	 * wait until the cluster says it is stopped: its last offsets are then committed.
	 * @throws IllegalStateException if the cluster does not answer or does not stop it in
	 * time: its slot must then not be dropped
	 */
	@Override
	public synchronized void stop() {
		stopWatching();
		try {
			if (this.rest.exists(name())) {
				this.rest.stop(name());
				long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
				while (!stopped(this.rest.status(name()))) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException(
								this.rest.describe() + " did not stop " + name() + " within " + STOP_TIMEOUT);
					}
					TimeUnit.MILLISECONDS.sleep(200);
				}
			}
		}
		catch (ConnectRest.ConnectException ex) {
			throw new IllegalStateException("Connector " + name() + " could not be stopped: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while stopping " + name(), ex);
		}
		finally {
			this.admin.close(Duration.ofSeconds(2));
			this.status.set(new Status(State.PAUSED, null));
		}
	}

	private static boolean stopped(JsonNode status) {
		return status == null || ("STOPPED".equals(status.path("connector").path("state").asString())
				&& status.path("tasks").isEmpty());
	}

	/** The bridge ends; the connector goes on on its cluster. */
	@Override
	public void stopForShutdown() {
		stopWatching();
		this.admin.close(Duration.ofSeconds(2));
	}

	private void stopWatching() {
		ScheduledExecutorService running = this.watch;
		if (running != null) {
			running.shutdownNow();
			try {
				running.awaitTermination(12, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public Status status() {
		return this.status.get();
	}

	@Override
	public Health health() {
		return new Health(this.exactlyOnce ? "exactly-once" : "at-least-once", this.deliveryWarning, this.restarts,
				this.lastError.get(), this.lastErrorAt, 0, null);
	}

	@Override
	public ConnectorMetrics metrics() {
		return this.metrics;
	}

	/**
	 * The snapshot's state from the offsets the task committed on the cluster (Kafka
	 * Connect's offsets API, KIP-875): none yet, one inside a snapshot, or one past it.
	 */
	@Override
	public Optional<String> snapshotFromOffsets() {
		JsonNode offsets;
		try {
			offsets = this.rest.offsets(name()).path("offsets");
		}
		catch (RuntimeException ex) {
			log.debug("Connector {}: its offsets could not be read: {}", name(), ex.getMessage());
			return Optional.empty();
		}
		if (offsets.isEmpty()) {
			return Optional.of("not-started");
		}
		for (JsonNode entry : offsets) {
			if (OffsetsTopic.inSnapshot(entry.path("offset"), false)) {
				return Optional.of("running");
			}
		}
		return Optional.of("completed");
	}

	private String name() {
		return this.definition.name();
	}

}
