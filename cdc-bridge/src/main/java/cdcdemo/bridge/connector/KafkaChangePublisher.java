package cdcdemo.bridge.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.Header;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Hands each batch of change events to Kafka and marks an event processed only once Kafka acknowledged it
 * ({@code acks=all}, idempotent producer). If a send fails, the batch throws: the engine stops without committing
 * that position, and the restarted engine reads again from the last committed one. Events are never skipped; after a
 * crash some may be sent twice (at-least-once), which is why consumers must be idempotent.
 */
class KafkaChangePublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<byte[], byte[]>> {

	private final Producer<byte[], byte[]> producer;

	private final ConnectorMetrics metrics;

	KafkaChangePublisher(Producer<byte[], byte[]> producer, ConnectorMetrics metrics) {
		this.producer = producer;
		this.metrics = metrics;
	}

	@Override
	public void handleBatch(List<ChangeEvent<byte[], byte[]>> events,
			DebeziumEngine.RecordCommitter<ChangeEvent<byte[], byte[]>> committer) throws InterruptedException {
		List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
		for (ChangeEvent<byte[], byte[]> event : events) {
			RecordHeaders headers = new RecordHeaders();
			for (Header<byte[]> header : event.<byte[]>headers()) {
				headers.add(header.getKey(), header.getValue());
			}
			acks.add(this.producer.send(new ProducerRecord<>(event.destination(), event.partition(), event.key(),
					event.value(), headers)));
		}
		// the batch is complete and we wait for its acknowledgements next: send it now instead of after linger.ms
		this.producer.flush();
		for (int i = 0; i < events.size(); i++) {
			try {
				acks.get(i).get();
			}
			catch (ExecutionException ex) {
				throw new KafkaException("Kafka did not acknowledge a change event for " + events.get(i).destination()
						+ "; the engine will restart from the last committed position", ex.getCause());
			}
			committer.markProcessed(events.get(i));
		}
		committer.markBatchFinished();
		this.metrics.published(events.size());
	}

}
