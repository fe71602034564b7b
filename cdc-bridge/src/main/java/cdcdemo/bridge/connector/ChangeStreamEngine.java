package cdcdemo.bridge.connector;

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

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the Debezium embedded engine for the configured connector on one thread that Spring starts and stops. Debezium
 * converts each change with Kafka Connect's JsonConverter (schema + payload) and {@link KafkaChangePublisher} sends it.
 * <p>
 * When the engine fails (database or broker gone, say), it is started again after a delay, from the last committed
 * offset, until the application stops.
 */
@Component
class ChangeStreamEngine implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChangeStreamEngine.class);

	enum State {

		STOPPED, STARTING, STREAMING, FAILED

	}

	record Status(State state, String reason) {
	}

	private final ConnectorProperties properties;

	private final Properties debeziumProperties;

	private final ProducerFactory<byte[], byte[]> producerFactory;

	private final ConnectorMetrics metrics;

	private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.STOPPED, null));

	private ExecutorService engineThread;

	private ScheduledExecutorService restarts;

	private Producer<byte[], byte[]> producer;

	private volatile DebeziumEngine<ChangeEvent<byte[], byte[]>> engine;

	private volatile boolean running;

	ChangeStreamEngine(ConnectorProperties properties, DebeziumSettings settings,
			ProducerFactory<byte[], byte[]> producerFactory, ConnectorMetrics metrics) {
		this.properties = properties;
		this.debeziumProperties = settings.toProperties();
		this.producerFactory = producerFactory;
		this.metrics = metrics;
	}

	@Override
	public synchronized void start() {
		this.engineThread = Executors.newSingleThreadExecutor((r) -> new Thread(r, "cdc-engine-" + this.properties.name()));
		this.restarts = Executors.newSingleThreadScheduledExecutor((r) -> new Thread(r, "cdc-engine-restarts"));
		this.producer = this.producerFactory.createProducer();
		this.running = true;
		launch();
	}

	private synchronized void launch() {
		if (!this.running) {
			return;
		}
		this.status.set(new Status(State.STARTING, "connecting to " + this.properties.source()));
		this.engine = DebeziumEngine.create(JsonByteArray.class)
			.using(this.debeziumProperties)
			.using(new DebeziumEngine.ConnectorCallback() {
				@Override
				public void taskStarted() {
					ChangeStreamEngine.this.status.set(new Status(State.STREAMING, null));
					log.info("Connector {} is streaming", ChangeStreamEngine.this.properties.name());
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
		log.warn("Connector {} stopped ({}); restarting in {}", this.properties.name(), reason,
				this.properties.restartDelay(), error);
		this.restarts.schedule(this::launch, this.properties.restartDelay().toMillis(), TimeUnit.MILLISECONDS);
	}

	private static String rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.toString();
	}

	@Override
	public void stop() {
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
				log.warn("The engine of {} did not stop within 30 s", this.properties.name());
			}
		}
		catch (Exception ex) {
			log.warn("Error while stopping connector {}", this.properties.name(), ex);
		}
		finally {
			this.producer.close();
			this.status.set(new Status(State.STOPPED, null));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	Status status() {
		return this.status.get();
	}

}
