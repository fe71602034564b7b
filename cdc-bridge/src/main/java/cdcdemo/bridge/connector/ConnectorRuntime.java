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

	/** Stop the engine, waiting for it to flush its offsets; the connector can be started again. */
	void stop() {
		synchronized (this) {
			this.running = false;
		}
		try {
			if (this.engine != null) {
				this.engine.close();
			}
			this.restarts.shutdownNow();
			this.engineThread.shutdown();
			if (!this.engineThread.awaitTermination(30, TimeUnit.SECONDS)) {
				log.warn("The engine of {} did not stop within 30 s", this.definition.name());
			}
		}
		catch (Exception ex) {
			log.warn("Error while stopping connector {}", this.definition.name(), ex);
		}
		finally {
			this.lock.release();
			this.status.set(new Status(State.PAUSED, null));
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
