package cdcdemo.bridge.connector.engine;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.JsonByteArray;
import io.debezium.engine.format.KeyValueHeaderChangeEventFormat;
import io.debezium.engine.spi.OffsetCommitPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.postgres.ConnectorLock;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

/**
 * One running connector: the Debezium embedded engine on a thread of its own, publishing
 * through an {@link EventChannel} opened for each run, while this bridge holds the
 * connector's {@link ConnectorLock}.
 * <p>
 * When a run fails, the failure decides what follows. One that a restart cannot cure
 * ({@link PublishFailure#permanent}, an event too large for Kafka, say) leaves the
 * connector {@code failed} with the reason, until its operator acts: starting again would
 * read the same event and fail again, and every event before it that Kafka had taken
 * would be sent again. Any other (the broker or the database gone, a leader change) is
 * retried from the last committed position, after a delay that doubles with each
 * consecutive failure ({@link Restarts}).
 */
public final class ConnectorRuntime implements ConnectorEngine {

	private static final Logger log = LoggerFactory.getLogger(ConnectorRuntime.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(8);

	public enum State {

		/** Starting the engine, or snapshotting before the first streamed change. */
		CREATING,
		/** The connector's task is running. */
		AVAILABLE,
		/** Stopped on request; its slot keeps the changes for later. */
		PAUSED,
		/**
		 * Another bridge process streams the connector (it holds the connector's lock);
		 * this one takes over when that one stops. A healthy state for a standby.
		 */
		STANDBY,
		/** The engine stopped with an error: retried, unless the error is permanent. */
		FAILED

	}

	/**
	 * The connector's state.
	 *
	 * @param state the state
	 * @param reason why it is not available, or {@code null}
	 */
	public record Status(State state, String reason) {
	}

	/**
	 * How the connector has fared since this bridge started it.
	 *
	 * @param delivery {@code exactly-once} or {@code at-least-once}, as the current run
	 * delivers
	 * @param deliveryWarning why the delivery is not the one configured, and which
	 * existing topics keep another partition count than the connector's, or {@code null}
	 * @param restarts how many times the engine was started again after a failure
	 * @param lastError the last failure, or {@code null}
	 * @param lastErrorAt when it happened
	 * @param transactions commits of events and offsets since the bridge started
	 * @param refused the event Kafka refused, if the connector failed on one (what a skip
	 * would skip)
	 */
	public record Health(String delivery, String deliveryWarning, int restarts, String lastError, Instant lastErrorAt,
			long transactions, RefusedEvent refused) {
	}

	/** One start of the engine, with the channel it publishes through. */
	private static final class Run {

		private final EventChannel channel;

		private final String storeKey;

		private DebeziumEngine<ChangeEvent<byte[], byte[]>> engine;

		private volatile boolean done;

		private volatile boolean lockLost;

		private Run(EventChannel channel) {
			this.channel = channel;
			this.storeKey = ChannelOffsetStore.register(channel);
		}

		private void close() {
			ChannelOffsetStore.unregister(this.storeKey);
			this.channel.close();
		}

		private void abandonOnClose() {
			this.channel.abandonOnClose();
		}

	}

	private final ConnectorDefinition definition;

	private final Properties debeziumProperties;

	private final Map<String, Object> producerConfig;

	private final Delivery delivery;

	private final String offsetsTopic;

	private final ConnectorMetrics metrics;

	private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.PAUSED, null));

	private final ExecutorService engineThread;

	private final ScheduledExecutorService restartThread;

	private final Restarts restarts;

	private final ConnectorLock lock;

	private final SourceDatabaseInspector inspector;

	private final TakeoverCheck takeover;

	/**
	 * Whether this runtime stood by while another bridge process held the lock: the
	 * definition is checked with {@link #takeover} before it streams again.
	 */
	private volatile boolean stoodBy;

	private final java.util.concurrent.atomic.AtomicLong transactions = new java.util.concurrent.atomic.AtomicLong();

	private volatile RefusedEvent refused;

	private volatile Delivery deliveryInUse;

	private volatile String deliveryWarning;

	private volatile Run current;

	private volatile boolean running;

	public ConnectorRuntime(ConnectorDefinition definition, Properties debeziumProperties,
			Map<String, Object> producerConfig, Delivery delivery, String offsetsTopic, ConnectorMetrics metrics,
			Duration restartDelay, ConnectorLock lock, SourceDatabaseInspector inspector, TakeoverCheck takeover) {
		this.definition = definition;
		this.takeover = takeover;
		this.lock = lock;
		this.inspector = inspector;
		this.debeziumProperties = debeziumProperties;
		this.producerConfig = producerConfig;
		this.delivery = delivery;
		this.deliveryInUse = delivery;
		this.offsetsTopic = offsetsTopic;
		this.metrics = metrics;
		this.restarts = new Restarts(restartDelay);
		this.engineThread = Executors.newSingleThreadExecutor((r) -> new Thread(r, "cdc-engine-" + definition.name()));
		this.restartThread = Executors
			.newSingleThreadScheduledExecutor((r) -> new Thread(r, "cdc-restarts-" + definition.name()));
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.status.set(new Status(State.CREATING, "connecting to " + this.definition.source()));
		this.restartThread.execute(this::launch);
		this.restartThread.scheduleWithFixedDelay(this::watchLock, this.restarts.firstDelay().toMillis(),
				this.restarts.firstDelay().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Keep holding the lock while the engine runs. PostgreSQL ends every session when it
	 * restarts, the lock's with it; Debezium reconnects by itself, the lock did not, and
	 * a standby bridge then took the free lock and streamed the same connector beside
	 * this one (measured in the fault suite: a PostgreSQL restart, then the two-bridges
	 * scenario). So the lock is taken again here, and if another bridge has it now, this
	 * one stops its engine and stands by. Its transactions are fenced by the other's in
	 * the meantime, so nothing is sent twice.
	 */
	private void watchLock() {
		Run run = this.current;
		if (!this.running || run == null || run.done) {
			return;
		}
		try {
			if (this.lock.tryAcquire()) {
				return;
			}
		}
		catch (SQLException ex) {
			// the database is down: the engine reports it, and the lock is taken again
			// once it is back
			return;
		}
		log.warn("Connector {}: another bridge process took its lock (this one's session ended, in a PostgreSQL "
				+ "restart say); stopping to stand by", this.definition.name());
		run.lockLost = true;
		try {
			closeEngine(run, System.nanoTime() + STOP_TIMEOUT.toNanos());
		}
		catch (Exception ex) {
			log.warn("Connector {}: the engine did not stop after losing the lock", this.definition.name(), ex);
		}
	}

	/**
	 * Take the lock, open a channel (for exactly-once, {@code initTransactions()}, which
	 * fences an older producer of this connector and may wait for the broker), then start
	 * the engine. On the restarts thread, so that neither a broker nor a database that is
	 * down holds up the caller.
	 */
	private void launch() {
		try {
			tryLaunch();
		}
		catch (RuntimeException ex) {
			// on an executor an exception would vanish, leaving the connector "creating"
			// for ever
			log.error("Connector {} could not be started", this.definition.name(), ex);
			failed("could not start the engine: " + PublishFailure.rootCause(ex), ex);
		}
	}

	private void tryLaunch() {
		if (!this.running) {
			return;
		}
		try {
			if (!this.lock.tryAcquire()) {
				standBy();
				return;
			}
		}
		catch (SQLException ex) {
			failed("cannot reach " + this.definition.source() + ": " + ex.getMessage(), null);
			return;
		}
		if (this.stoodBy) {
			if (!this.takeover.stillCurrent(this.definition)) {
				this.status.set(new Status(State.STANDBY,
						"taking over with the definition another bridge process changed meanwhile"));
				log.warn("Connector {}: its definition changed while this bridge stood by; taking over with the new "
						+ "one", this.definition.name());
				return;
			}
			this.stoodBy = false;
		}
		this.status.set(new Status(State.CREATING, "connecting to " + this.definition.source()));
		EventChannel.Opened opened;
		try {
			opened = EventChannel.open(this.definition.name(), this.producerConfig, this.delivery, this.offsetsTopic,
					this::committed, this.definition.topics(), this.definition.maxEventBytes(),
					this.definition.partitions());
		}
		catch (RuntimeException ex) {
			if (!this.running) {
				return;
			}
			if (PublishFailure.permanent(ex)) {
				stayFailed("the Kafka store refuses this connector: " + PublishFailure.rootCause(ex), null);
			}
			else {
				failed("cannot open the Kafka store " + this.definition.bootstrapServers() + ": "
						+ PublishFailure.rootCause(ex), null);
			}
			return;
		}
		String lostSlot = SlotCheck.lostSlot(this.definition, this.inspector, opened.channel());
		if (lostSlot != null) {
			opened.channel().close();
			stayFailed(lostSlot, null);
			return;
		}
		this.deliveryInUse = opened.channel().delivery();
		this.deliveryWarning = opened.warning();
		Run run = new Run(opened.channel());
		Properties properties = new Properties();
		properties.putAll(this.debeziumProperties);
		properties.setProperty(ChannelOffsetStore.CHANNEL, run.storeKey);
		synchronized (this) {
			if (!this.running) {
				run.close();
				return;
			}
			// key, value and headers: with a key-value format alone the engine has no
			// header converter and drops
			// Debezium's headers, such as the __debezium.newkey / __debezium.oldkey of a
			// primary key update
			run.engine = DebeziumEngine
				.create(KeyValueHeaderChangeEventFormat.of(JsonByteArray.class, JsonByteArray.class,
						JsonByteArray.class))
				.using(properties)
				.using(OffsetCommitPolicy.periodic(properties))
				.using(new DebeziumEngine.ConnectorCallback() {
					@Override
					public void taskStarted() {
						ConnectorRuntime.this.status.set(new Status(State.AVAILABLE, null));
						log.info("Connector {} is streaming ({})", ConnectorRuntime.this.definition.name(),
								run.channel.delivery().label());
					}
				})
				.using((success, message, error) -> completed(run, message, error))
				.notifying(new KafkaChangePublisher(run.channel, new SkippedEvents(this.definition.skipped())))
				.build();
			this.current = run;
			this.engineThread.execute(run.engine);
		}
	}

	private void committed(int events) {
		this.transactions.incrementAndGet();
		this.restarts.committed();
		this.metrics.published(events);
	}

	private void completed(Run run, String message, Throwable error) {
		run.done = true;
		run.close();
		if (!this.running) {
			return;
		}
		if (run.lockLost) {
			standBy();
			return;
		}
		PublishFailure failure = run.channel.failure();
		if (failure == null && error != null) {
			failure = PublishFailure.of(error);
		}
		if (failure != null && failure.permanent()) {
			stayFailed(failure.reason(), failure.event());
			return;
		}
		String reason = (failure != null) ? failure.reason()
				: (error != null) ? message + ": " + PublishFailure.rootCause(error) : message;
		failed(reason, error);
	}

	private void standBy() {
		this.stoodBy = true;
		this.status.set(new Status(State.STANDBY, "standing by: another bridge process streams "
				+ this.definition.name() + "; this one takes over when it stops"));
		retryLater(this.restarts.firstDelay());
	}

	/**
	 * A failure a restart may cure: start again after a delay that grows with each one in
	 * a row.
	 */
	private void failed(String reason, Throwable error) {
		Duration delay = this.restarts.failedAndRestarting(reason);
		this.status.set(new Status(State.FAILED, reason + " (restarting in " + delay.toSeconds() + " s)"));
		log.warn("Connector {} stopped ({}); restarting in {}", this.definition.name(), reason, delay, error);
		retryLater(delay);
	}

	/**
	 * A failure a restart would only repeat: stay failed, holding the slot's position,
	 * until the operator acts.
	 */
	private void stayFailed(String reason, RefusedEvent event) {
		this.restarts.failedForGood(reason);
		this.refused = event;
		this.status.set(new Status(State.FAILED, reason));
		log.error("Connector {} failed and is not restarted: {}", this.definition.name(), reason);
	}

	private void retryLater(Duration delay) {
		if (this.running) {
			try {
				this.restartThread.schedule(this::launch, delay.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				// stopping
			}
		}
	}

	/**
	 * Stop the engine, waiting for it to commit what it sent; the connector can be
	 * started again. Works in every state: running, starting, failed, waiting to restart,
	 * or never started. The connector's lock stays held: the bridge stops a runtime to
	 * change the connector (update, pause, move, destroy), and a standby must not take
	 * over in the middle of that; the bridge releases it when the connector is destroyed
	 * and when the process ends.
	 * @throws IllegalStateException if a running engine could not be stopped: its slot
	 * must then not be dropped, as the engine would create it again
	 */
	@Override
	public void stop() {
		stop(STOP_TIMEOUT, false);
	}

	/**
	 * Stop as the bridge's process ends (SIGTERM): the same steps, but waiting at most
	 * {@link #SHUTDOWN_TIMEOUT} in all for an engine that cannot reach Kafka or
	 * PostgreSQL. An engine still starting is then left to the process's exit, which ends
	 * it: the reason {@link #stop()} waits for it (a destroy that drops the slot) does
	 * not apply, and a platform stop, {@code docker compose stop} or a pod's termination
	 * would otherwise kill the bridge (measured: 30 s, to the kill, with Kafka stopped
	 * while the engine started).
	 */
	@Override
	public void stopForShutdown() {
		Run run = this.current;
		if (run != null) {
			run.abandonOnClose();
		}
		try {
			stop(SHUTDOWN_TIMEOUT, true);
		}
		catch (IllegalStateException ex) {
			log.warn("Connector {} did not stop within {}; the process ends it", this.definition.name(),
					SHUTDOWN_TIMEOUT);
		}
	}

	/**
	 * @param patience how long to wait for the engine in all
	 * @param shutdown whether the process ends: then an engine that did not stop in time
	 * is left to the process's exit, and so is its run's producer, which that engine may
	 * still be using
	 */
	private void stop(Duration patience, boolean shutdown) {
		synchronized (this) {
			this.running = false;
		}
		Exception failure = null;
		try {
			this.restartThread.shutdownNow();
			long deadline = System.nanoTime() + patience.toNanos();
			this.restartThread.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS);
			Run run = this.current;
			if (run != null && !run.done) {
				closeEngine(run, deadline);
			}
			this.engineThread.shutdown();
			boolean engineStopped = this.engineThread.awaitTermination(Math.max(0, deadline - System.nanoTime()),
					TimeUnit.NANOSECONDS);
			if (!engineStopped) {
				log.warn("The engine of {} did not stop within {}", this.definition.name(), patience);
			}
			if (run != null && (engineStopped || !shutdown)) {
				run.close();
			}
		}
		catch (Exception ex) {
			failure = ex;
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
		finally {
			this.status.set(new Status(State.PAUSED, null));
		}
		if (failure != null) {
			throw new IllegalStateException("Connector " + this.definition.name() + " could not be stopped", failure);
		}
	}

	/**
	 * Debezium refuses to close an engine whose tasks are still starting (say, just after
	 * a create, resume or update), as that would leak them. Closing anyway, as a destroy
	 * did, left the engine running: it created the replication slot again after the
	 * destroy had dropped it, and that slot held WAL forever. So wait for the tasks to
	 * start, then close; an engine that ended meanwhile (it failed) needs no closing.
	 */
	private void closeEngine(Run run, long deadline) throws Exception {
		while (!run.done) {
			try {
				run.engine.close();
				return;
			}
			catch (IllegalStateException ex) {
				if (run.done) {
					return;
				}
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				this.status.set(new Status(this.status.get().state(), "stopping once its task has started"));
				Thread.sleep(100);
			}
		}
	}

	@Override
	public ConnectorDefinition definition() {
		return this.definition;
	}

	@Override
	public Status status() {
		return this.status.get();
	}

	@Override
	public Health health() {
		return new Health(this.deliveryInUse.label(), this.deliveryWarning, this.restarts.count(),
				this.restarts.lastError(), this.restarts.lastErrorAt(), this.transactions.get(), this.refused);
	}

	@Override
	public ConnectorMetrics metrics() {
		return this.metrics;
	}

}
