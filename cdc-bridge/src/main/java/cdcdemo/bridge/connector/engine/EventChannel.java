package cdcdemo.bridge.connector.engine;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a connector's way into Kafka: its change events and, at each commit, the
 * position they reached in the source database (the engine's source offsets, in the
 * offsets topic).
 * <p>
 * With {@link Delivery#EXACTLY_ONCE} the producer is transactional
 * ({@code transactional.id} derived from the connector's name): events are sent into an
 * open transaction, and a commit writes the offsets into the same transaction and commits
 * it, so a read_committed reader sees the events and the position together or not at all.
 * {@code initTransactions()} at the start fences any older producer of the same connector
 * (a zombie bridge, or the one this bridge took over from) and aborts what it left open.
 * With {@link Delivery#AT_LEAST_ONCE} (for stores without transactions) a commit waits
 * until Kafka acknowledged every event sent, then writes the offsets: after a crash, what
 * was sent since the last commit is sent again.
 * <p>
 * Either way the replication slot's flush position moves only after the commit returned
 * (the engine calls {@code task.commit()} after the offset store's {@code set}), so a
 * crash between the two loses nothing. Sends are asynchronous: several batches are in
 * flight until the next commit, which the engine asks for every
 * {@code cdc.connector.commit-interval} while events flow and as soon as the source has
 * nothing more to read.
 * <p>
 * The engine's polling thread uses it, and its stop commits from another thread: the
 * methods are synchronized.
 */
final class EventChannel implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EventChannel.class);

	/**
	 * How long a call may wait for a broker that is gone before it fails (Kafka's clients
	 * wait 60 s by default): the run then ends, and the connector is retried with
	 * back-off, which it reports, instead of hanging silently.
	 */
	static final Duration BROKER_TIMEOUT = Duration.ofSeconds(15);

	private final String connector;

	private final Producer<byte[], byte[]> producer;

	private final Delivery delivery;

	private final String offsetsTopic;

	private final IntConsumer committed;

	private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

	private final AtomicReference<PublishFailure> failure = new AtomicReference<>();

	private boolean inTransaction;

	/** Set as the process ends: closing then aborts nothing and waits for nothing. */
	private volatile boolean abandoned;

	private int sentSinceCommit;

	private EventChannel(String connector, Producer<byte[], byte[]> producer, Delivery delivery, String offsetsTopic,
			IntConsumer committed) {
		this.connector = connector;
		this.producer = producer;
		this.delivery = delivery;
		this.offsetsTopic = offsetsTopic;
		this.committed = committed;
	}

	/**
	 * Open the channel: prepare the store ({@link KafkaStore}: the offsets topic exists,
	 * the delivery is decided), then start the producer (for exactly once,
	 * {@code initTransactions()}, which fences older producers of this connector).
	 * @param connector the connector's name
	 * @param producerConfig the producer's settings (bootstrap servers, serializers,
	 * batching)
	 * @param wanted the delivery asked for; exactly-once falls back to at-least-once on a
	 * broker whose transactions are older than version 2
	 * @param offsetsTopic the topic of the engine's source offsets
	 * @param committed told how many events each commit made visible
	 * @return the open channel and what was decided
	 */
	static Opened open(String connector, Map<String, Object> producerConfig, Delivery wanted, String offsetsTopic,
			IntConsumer committed) {
		return open(connector, producerConfig, wanted, offsetsTopic, committed, List.of(), null, null);
	}

	/**
	 * Open the channel, and first give the connector's topics its largest event size and
	 * create those missing with its partitions.
	 * @param topics the topics of the connector's change events
	 * @param maxEventBytes their {@code max.message.bytes}, created so or raised to it;
	 * {@code null} leaves them to the broker's defaults
	 * @param partitions the partitions of those created; {@code null} for the broker's
	 * default, and an existing topic keeps its count either way
	 * @see #open(String, Map, Delivery, String, IntConsumer)
	 */
	static Opened open(String connector, Map<String, Object> producerConfig, Delivery wanted, String offsetsTopic,
			IntConsumer committed, List<String> topics, Integer maxEventBytes, Integer partitions) {
		KafkaStore.Prepared prepared = KafkaStore.prepare(connector, producerConfig, wanted, offsetsTopic, topics,
				maxEventBytes, partitions);
		Delivery delivery = prepared.delivery();
		Map<String, Object> config = new HashMap<>(producerConfig);
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, BROKER_TIMEOUT.toMillis());
		if (delivery == Delivery.EXACTLY_ONCE) {
			config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(connector));
		}
		Producer<byte[], byte[]> producer = new KafkaProducer<>(config);
		try {
			if (delivery == Delivery.EXACTLY_ONCE) {
				producer.initTransactions();
			}
		}
		catch (RuntimeException ex) {
			producer.close(Duration.ZERO);
			throw ex;
		}
		return new Opened(new EventChannel(connector, producer, delivery, offsetsTopic, committed), prepared.warning());
	}

	/**
	 * An open channel, and why its delivery is not the one asked for (or {@code null}).
	 *
	 * @param channel the channel
	 * @param warning the reason for a fallback, and the topics that keep another
	 * partition count than the one asked, or {@code null}
	 */
	record Opened(EventChannel channel, String warning) {
	}

	static String transactionalId(String connector) {
		return "cdc-bridge-" + connector;
	}

	/**
	 * Read the source offsets committed so far, as the engine's offset store holds them:
	 * read_committed, so a transaction that a crashed bridge left open (aborted by
	 * {@code initTransactions()}) is never read.
	 * @param bootstrapServers the Kafka store
	 * @return key to value, as the engine wrote them
	 */
	Map<ByteBuffer, ByteBuffer> readOffsets(String bootstrapServers) {
		return OffsetsTopic.read(bootstrapServers, this.offsetsTopic);
	}

	/**
	 * @param bootstrapServers the Kafka store
	 * @param connector the connector
	 * @return whether the connector has committed a position
	 */
	boolean hasPosition(String bootstrapServers, String connector) {
		return !OffsetsTopic.positionsOf(bootstrapServers, this.offsetsTopic, connector).isEmpty();
	}

	/**
	 * Send a change event; with exactly-once, into the open transaction (begun by the
	 * first send after a commit).
	 * @param record the event
	 * @throws PublishException if an earlier send or commit failed, or Kafka refuses this
	 * record at once (too large, say); the engine must then stop and restart from the
	 * last committed position
	 */
	synchronized void send(ProducerRecord<byte[], byte[]> record) {
		throwIfFailed();
		try {
			if (this.delivery == Delivery.EXACTLY_ONCE && !this.inTransaction) {
				this.producer.beginTransaction();
				this.inTransaction = true;
			}
			Future<RecordMetadata> ack = this.producer.send(record, (metadata, error) -> {
				if (error != null) {
					fail(PublishFailure.of(record, error));
				}
			});
			if (this.delivery == Delivery.AT_LEAST_ONCE) {
				this.unacknowledged.add(ack);
			}
			this.sentSinceCommit++;
		}
		catch (InterruptException ex) {
			// the engine is stopping: this record was not appended (the producer waited
			// for metadata or buffer
			// space) and will not be marked, so what was sent before it can still be
			// committed by the stop
			throw ex;
		}
		catch (KafkaException ex) {
			fail(PublishFailure.of(record, ex));
		}
		throwIfFailed();
	}

	/**
	 * Make everything sent so far durable together with the engine's offsets: with
	 * exactly-once, write the offsets into the transaction and commit it; with
	 * at-least-once, wait for every acknowledgement, then write the offsets.
	 * @param offsets the engine's serialized source offsets
	 * @throws PublishException if the commit failed (the transaction is aborted; nothing
	 * of it is visible)
	 */
	synchronized void commit(Map<ByteBuffer, ByteBuffer> offsets) {
		throwIfFailed();
		try {
			if (this.delivery == Delivery.EXACTLY_ONCE) {
				if (!this.inTransaction) {
					this.producer.beginTransaction();
					this.inTransaction = true;
				}
				sendOffsets(offsets);
				this.producer.commitTransaction();
				this.inTransaction = false;
			}
			else {
				this.producer.flush();
				for (Future<RecordMetadata> ack : this.unacknowledged) {
					ack.get();
				}
				this.unacknowledged.clear();
				List<Future<RecordMetadata>> written = sendOffsets(offsets);
				this.producer.flush();
				for (Future<RecordMetadata> ack : written) {
					ack.get();
				}
			}
		}
		catch (ExecutionException ex) {
			fail(new PublishFailure("Kafka did not acknowledge a change event: " + ex.getCause(), ex.getCause(), null));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail(new PublishFailure("interrupted while committing", ex, null));
		}
		catch (KafkaException ex) {
			fail(new PublishFailure("the Kafka transaction could not be committed: " + ex, ex, null));
		}
		throwIfFailed();
		int made = this.sentSinceCommit;
		this.sentSinceCommit = 0;
		this.committed.accept(made);
	}

	private List<Future<RecordMetadata>> sendOffsets(Map<ByteBuffer, ByteBuffer> offsets) {
		List<Future<RecordMetadata>> acks = new ArrayList<>(offsets.size());
		offsets.forEach((key, value) -> acks.add(this.producer.send(new ProducerRecord<>(this.offsetsTopic,
				(key != null) ? OffsetsTopic.bytes(key) : null, (value != null) ? OffsetsTopic.bytes(value) : null))));
		return acks;
	}

	private void fail(PublishFailure problem) {
		if (this.failure.compareAndSet(null, problem)) {
			log.warn("Connector {}: {}", this.connector, problem.reason());
		}
	}

	/**
	 * @return the first failure of this run, or {@code null}
	 */
	PublishFailure failure() {
		return this.failure.get();
	}

	private void throwIfFailed() {
		PublishFailure problem = this.failure.get();
		if (problem != null) {
			abortQuietly();
			throw new PublishException(problem);
		}
	}

	private void abortQuietly() {
		if (this.inTransaction) {
			this.inTransaction = false;
			try {
				this.producer.abortTransaction();
			}
			catch (KafkaException ex) {
				// fatal (fenced, say): closing the producer is all that is left, and the
				// next run's
				// initTransactions() aborts the transaction on the broker
				log.debug("Connector {}: the transaction could not be aborted", this.connector, ex);
			}
		}
		this.unacknowledged.clear();
		this.sentSinceCommit = 0;
	}

	Delivery delivery() {
		return this.delivery;
	}

	/**
	 * Close the producer. What was sent since the last commit is aborted (exactly-once)
	 * or may or may not have reached Kafka (at-least-once); either way its offsets were
	 * not committed, so the next run sends it again.
	 * @param timeout how long to wait for the producer
	 */
	synchronized void close(Duration timeout) {
		if (this.abandoned) {
			this.inTransaction = false;
			this.producer.close(Duration.ZERO);
			return;
		}
		try {
			abortQuietly();
		}
		finally {
			this.producer.close(timeout);
		}
	}

	/**
	 * The process is ending: from now on {@link #close} leaves an open transaction to the
	 * broker and waits for no acknowledgement. Aborting it needs a broker, and with Kafka
	 * down the abort alone waited {@link #BROKER_TIMEOUT} and the close 5 s more, past a
	 * platform's or Kubernetes' patience (measured: a SIGTERM killed after 30 s, when
	 * Kafka stopped during a heartbeat's transaction). Nothing of that transaction is
	 * visible to a read_committed reader, its offsets were not committed, and the next
	 * run's {@code initTransactions()} (same transactional id) aborts it, or the broker
	 * does after {@code transaction.timeout.ms}.
	 */
	void abandonOnClose() {
		this.abandoned = true;
	}

	@Override
	public void close() {
		close(Duration.ofSeconds(5));
	}

}
