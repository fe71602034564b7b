package cdcdemo.bridge.connector;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.JsonByteArray;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running connector: the Debezium embedded engine on a thread of its own, publishing through
 * {@link KafkaChangePublisher}, while this bridge holds the connector's {@link ConnectorLock}. When the engine fails (database or broker gone, say), it is started again after a
 * delay, from the last committed offset, until the connector is paused or destroyed.
 */
final class ConnectorRuntime {

	private static final Logger log = LoggerFactory.getLogger(ConnectorRuntime.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	enum State {

		/** Starting the engine, or snapshotting before the first streamed change. */
		CREATING,
		/** The connector's task is running. */
		AVAILABLE,
		/** Stopped on request; its slot keeps the changes for later. */
		PAUSED,
		/** The engine stopped with an error; it is retried. */
		FAILED

	}

	record Status(State state, String reason) {
	}

	private final ConnectorDefinition definition;

	private final Properties debeziumProperties;

	private final Producer<byte[], byte[]> producer;

	private final ConnectorMetrics metrics;

	private final Duration restartDelay;

	private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.PAUSED, null));

	private final ExecutorService engineThread;

	private final ScheduledExecutorService restarts;

	private final ConnectorLock lock;

	private volatile DebeziumEngine<ChangeEvent<byte[], byte[]>> engine;

	private volatile boolean running;

	ConnectorRuntime(ConnectorDefinition definition, Properties debeziumProperties, Producer<byte[], byte[]> producer,
			ConnectorMetrics metrics, Duration restartDelay, ConnectorLock lock) {
		this.definition = definition;
		this.lock = lock;
		this.debeziumProperties = debeziumProperties;
		this.producer = producer;
		this.metrics = metrics;
		this.restartDelay = restartDelay;
		this.engineThread = Executors.newSingleThreadExecutor((r) -> new Thread(r, "cdc-engine-" + definition.name()));
		this.restarts = Executors
			.newSingleThreadScheduledExecutor((r) -> new Thread(r, "cdc-restarts-" + definition.name()));
	}

	synchronized void start() {
		this.running = true;
		launch();
	}

	private synchronized void launch() {
		if (!this.running) {
			return;
		}
		try {
			if (!this.lock.tryAcquire()) {
				this.status.set(new Status(State.CREATING, "standing by: another bridge process streams "
						+ this.definition.name() + "; this one takes over when it stops"));
				retryLater();
				return;
			}
		}
		catch (SQLException ex) {
			this.status.set(new Status(State.FAILED, "cannot reach " + this.definition.source() + ": " + ex.getMessage()));
			retryLater();
			return;
		}
		this.status.set(new Status(State.CREATING, "connecting to " + this.definition.source()));
		this.engine = DebeziumEngine.create(JsonByteArray.class)
			.using(this.debeziumProperties)
			.using(new DebeziumEngine.ConnectorCallback() {
				@Override
				public void taskStarted() {
					ConnectorRuntime.this.status.set(new Status(State.AVAILABLE, null));
					log.info("Connector {} is streaming", ConnectorRuntime.this.definition.name());
				}
			})
			.using(this::completed)
			.notifying(new KafkaChangePublisher(this.producer, this.metrics))
			.build();
		this.engineThread.execute(this.engine);
	}

	private void completed(boolean success, String message, Throwable error) {
		if (!this.running) {
			return;
		}
		String reason = (error != null) ? message + ": " + rootCause(error) : message;
		this.status.set(new Status(State.FAILED, reason));
		log.warn("Connector {} stopped ({}); restarting in {}", this.definition.name(), reason, this.restartDelay,
				error);
		retryLater();
	}

	private void retryLater() {
		if (this.running) {
			this.restarts.schedule(this::launch, this.restartDelay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private static String rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.toString();
	}

	/**
	 * Stop the engine, waiting for it to flush its offsets; the connector can be started again.
	 * @throws IllegalStateException if the engine could not be stopped: its slot must then not be dropped, as the
	 * engine would create it again
	 */
	void stop() {
		synchronized (this) {
			this.running = false;
		}
		Exception failure = null;
		try {
			if (this.engine != null) {
				closeEngine();
			}
			this.restarts.shutdownNow();
			this.engineThread.shutdown();
			if (!this.engineThread.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				log.warn("The engine of {} did not stop within {}", this.definition.name(), STOP_TIMEOUT);
			}
		}
		catch (Exception ex) {
			failure = ex;
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
		finally {
			this.lock.release();
			this.status.set(new Status(State.PAUSED, null));
		}
		if (failure != null) {
			throw new IllegalStateException("Connector " + this.definition.name() + " could not be stopped", failure);
		}
	}

	/**
	 * Debezium refuses to close an engine whose tasks are still starting (say, just after a create, resume or
	 * update), as that would leak them. Closing anyway, as a destroy did, left the engine running: it created the
	 * replication slot again after the destroy had dropped it, and that slot held WAL forever. So wait for the tasks
	 * to start, then close.
	 */
	private void closeEngine() throws Exception {
		long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
		while (true) {
			try {
				this.engine.close();
				return;
			}
			catch (IllegalStateException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				this.status.set(new Status(this.status.get().state(), "stopping once its task has started"));
				Thread.sleep(100);
			}
		}
	}

	ConnectorDefinition definition() {
		return this.definition;
	}

	Status status() {
		return this.status.get();
	}

	ConnectorMetrics metrics() {
		return this.metrics;
	}

}
