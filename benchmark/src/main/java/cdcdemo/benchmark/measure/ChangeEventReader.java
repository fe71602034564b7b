package cdcdemo.benchmark.measure;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer at the end of the pipe: reads the change events of one topic as they
 * arrive and records, per event, where the time went between the commit in PostgreSQL and
 * this consumer, in microseconds:
 * <ul>
 * <li>commit to bridge: {@code payload.source.ts_us} (the transaction's commit time) to
 * {@code payload.ts_us} (when the connector handled the change);</li>
 * <li>bridge to Kafka: {@code payload.ts_us} to the record's timestamp, which the broker
 * stamps on append ({@code LogAppendTime});</li>
 * <li>Kafka to consumer: the record's timestamp to the moment this consumer got it.</li>
 * </ul>
 * It reads with {@code isolation.level=read_committed}, as the platform's consumers do
 * once the bridge commits events and offsets in one Kafka transaction: the time to the
 * consumer is the time until the event's transaction committed and the consumer got it.
 * The envelope is read with a streaming parser that skips the schema, so reading stays
 * cheap next to the pipeline being measured.
 */
public final class ChangeEventReader implements AutoCloseable {

	private static final long MAX_MICROS = Duration.ofMinutes(10).toNanos() / 1000;

	private final JsonFactory json = new JsonFactory();

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final Thread thread;

	private final AtomicLong events = new AtomicLong();

	private final AtomicLong payloadBytes = new AtomicLong();

	private final Recorder total = new Recorder(MAX_MICROS, 3);

	private final Recorder toBridge = new Recorder(MAX_MICROS, 3);

	private final Recorder toKafka = new Recorder(MAX_MICROS, 3);

	private final Recorder toConsumer = new Recorder(MAX_MICROS, 3);

	private volatile boolean running = true;

	public ChangeEventReader(String bootstrapServers, String topic) {
		Map<String, Object> config = new HashMap<>(CommittedRecords.readCommitted(bootstrapServers));
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
		this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		TopicPartition partition = new TopicPartition(topic, 0);
		this.consumer.assign(List.of(partition));
		this.consumer.seekToEnd(List.of(partition));
		this.consumer.position(partition);
		this.thread = new Thread(this::read, "change-event-reader");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void read() {
		try {
			while (this.running) {
				for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					long received = nowMicros();
					if (record.value() == null) {
						continue;
					}
					this.payloadBytes
						.addAndGet(record.value().length + ((record.key() != null) ? record.key().length : 0));
					long[] ts = timestamps(record.value());
					if (ts != null) {
						long appended = record.timestamp() * 1000;
						this.toBridge.recordValue(clamp(ts[1] - ts[0]));
						this.toKafka.recordValue(clamp(appended - ts[1]));
						this.toConsumer.recordValue(clamp(received - appended));
						this.total.recordValue(clamp(received - ts[0]));
					}
					this.events.incrementAndGet();
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close(Duration.ofSeconds(5));
		}
	}

	/**
	 * {@code [payload.source.ts_us, payload.ts_us]}, or null if the value is no change
	 * event.
	 */
	private long[] timestamps(byte[] value) {
		try (JsonParser p = this.json.createParser(value)) {
			long source = -1;
			long handled = -1;
			if (p.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			while (p.nextToken() == JsonToken.FIELD_NAME) {
				String field = p.currentName();
				p.nextToken();
				if (!"payload".equals(field)) {
					p.skipChildren();
					continue;
				}
				while (p.nextToken() == JsonToken.FIELD_NAME) {
					String name = p.currentName();
					p.nextToken();
					if ("source".equals(name) && p.currentToken() == JsonToken.START_OBJECT) {
						while (p.nextToken() == JsonToken.FIELD_NAME) {
							String sourceField = p.currentName();
							p.nextToken();
							if ("ts_us".equals(sourceField)) {
								source = p.getLongValue();
							}
							else if ("ts_ms".equals(sourceField) && source < 0) {
								source = p.getLongValue() * 1000;
							}
							p.skipChildren();
						}
					}
					else if ("ts_us".equals(name)) {
						handled = p.getLongValue();
					}
					else if ("ts_ms".equals(name) && handled < 0) {
						handled = p.getLongValue() * 1000;
					}
					else {
						p.skipChildren();
					}
				}
			}
			return (source > 0 && handled > 0) ? new long[] { source, handled } : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static long clamp(long micros) {
		return Math.max(0, Math.min(MAX_MICROS, micros));
	}

	static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
	}

	/** Change events read so far (tombstones not counted). */
	public long events() {
		return this.events.get();
	}

	public long payloadBytes() {
		return this.payloadBytes.get();
	}

	/** Start a new interval: what was recorded so far is dropped. */
	public void reset() {
		latencies();
	}

	/**
	 * The latencies since the last call (or reset): total, commit-to-bridge,
	 * bridge-to-Kafka, Kafka-to-consumer.
	 */
	public Latencies latencies() {
		return new Latencies(this.total.getIntervalHistogram(), this.toBridge.getIntervalHistogram(),
				this.toKafka.getIntervalHistogram(), this.toConsumer.getIntervalHistogram());
	}

	public record Latencies(Histogram total, Histogram toBridge, Histogram toKafka, Histogram toConsumer) {
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.thread.join(10_000);
	}

}
