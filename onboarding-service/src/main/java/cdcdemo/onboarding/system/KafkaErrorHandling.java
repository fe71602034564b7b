package cdcdemo.onboarding.system;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

import cdcdemo.events.MalformedChangeEventException;

/**
 * What happens when handling a change event fails. Passing failures (SMTP or database
 * down) are retried with a growing, bounded back-off; a value that is not a change event
 * can never succeed and goes straight to the dead-letter topic. Either way the record
 * ends up on {@code <topic>.DLT} and the consumer goes on with the next one, so a single
 * bad record never blocks the onboarding of everyone after it. Each record given up on is
 * also counted (metric {@code onboarding.dead.letters}) and recorded in the
 * {@code dead_letter} table for the dashboard.
 * <p>
 * The one handler serves every consumer of the listener ({@code onboarding.consumers}):
 * Spring Kafka keeps the attempts of a failing record per consumer thread and partition,
 * so a record retried by one consumer never counts against another's, and a consumer
 * stuck retrying holds up its own partitions only.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

	private static final Logger log = LoggerFactory.getLogger(KafkaErrorHandling.class);

	@Bean
	CommonErrorHandler errorHandler(KafkaOperations<Object, Object> template, OnboardingProperties properties,
			JdbcClient jdbc, MeterRegistry meters) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(record.topic() + ".DLT", -1));
		ExponentialBackOff backOff = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
		backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
		backOff.setMaxElapsedTime(properties.retry().maxElapsedTime().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(
				new TruncatingWhenTooLarge(recoverer, maxRequestSize(template)), backOff);
		handler.addNotRetryableExceptions(MalformedChangeEventException.class);
		handler.setRetryListeners(new LoggingRetryListener(),
				new DeadLetterRecorder(jdbc,
						Counter.builder("onboarding.dead.letters")
							.description("Change events given up on and published to the dead-letter topic")
							.register(meters)));
		return handler;
	}

	private static int maxRequestSize(KafkaOperations<Object, Object> template) {
		Object configured = template.getProducerFactory()
			.getConfigurationProperties()
			.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
		return (configured != null) ? Integer.parseInt(configured.toString()) : 1024 * 1024;
	}

	/**
	 * Dead-letters a record too large for the dead-letter topic with its value cut to
	 * {@link #KEPT_BYTES} (and a header giving its real length). A record the users topic
	 * took can be too large for the dead-letter topic once the exception headers (a stack
	 * trace among them) are added: the largest record the broker accepts is, by
	 * definition. Its publication would then fail on every attempt, and the record would
	 * block every event after it. The size is judged before sending, because the
	 * recoverer's exception does not carry the producer's
	 * {@code RecordTooLargeException}.
	 */
	static class TruncatingWhenTooLarge implements ConsumerRecordRecoverer {

		static final int KEPT_BYTES = 64 * 1024;

		/** Room left for the headers the dead-letter record gets. */
		static final int HEADER_ROOM = 64 * 1024;

		static final String TRUNCATED_HEADER = "dlt-value-truncated-from-bytes";

		private final ConsumerRecordRecoverer recoverer;

		private final int maxRecordBytes;

		/**
		 * @param recoverer the recoverer that publishes to the dead-letter topic
		 * @param maxRecordBytes the largest record it can publish (its producer's
		 * {@code max.request.size})
		 */
		TruncatingWhenTooLarge(ConsumerRecordRecoverer recoverer, int maxRecordBytes) {
			this.recoverer = recoverer;
			this.maxRecordBytes = maxRecordBytes;
		}

		@Override
		public void accept(ConsumerRecord<?, ?> record, Exception ex) {
			if (!(record.value() instanceof String value)) {
				this.recoverer.accept(record, ex);
				return;
			}
			int valueBytes = (record.serializedValueSize() >= 0) ? record.serializedValueSize()
					: value.getBytes(StandardCharsets.UTF_8).length;
			if (valueBytes + Math.max(0, record.serializedKeySize()) <= this.maxRecordBytes - HEADER_ROOM
					|| value.length() <= KEPT_BYTES) {
				this.recoverer.accept(record, ex);
				return;
			}
			log.warn("{}-{}@{} is too large for {}.DLT ({} bytes); dead-lettering its first {} characters",
					record.topic(), record.partition(), record.offset(), record.topic(), valueBytes, KEPT_BYTES);
			RecordHeaders headers = new RecordHeaders(record.headers().toArray());
			headers.add(TRUNCATED_HEADER, Integer.toString(valueBytes).getBytes(StandardCharsets.UTF_8));
			this.recoverer.accept(new ConsumerRecord<Object, Object>(record.topic(), record.partition(),
					record.offset(), record.timestamp(), record.timestampType(), record.serializedKeySize(), KEPT_BYTES,
					record.key(), value.substring(0, KEPT_BYTES), headers, record.leaderEpoch()), ex);
		}

	}

	/**
	 * Says in the log what the error handler does, which it otherwise does quietly.
	 */
	static class LoggingRetryListener implements RetryListener {

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
			log.warn("Delivery attempt {} of {}-{}@{} failed: {}", deliveryAttempt, record.topic(), record.partition(),
					record.offset(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}

		@Override
		public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
			log.error("Gave up on {}-{}@{}, it is now on {}.DLT: {}", record.topic(), record.partition(),
					record.offset(), record.topic(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}

		@Override
		public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
			log.error("Could not send {}-{}@{} to {}.DLT, it will be retried", record.topic(), record.partition(),
					record.offset(), record.topic(), failure);
		}

	}

	/**
	 * Keeps a durable trace of each record sent to the dead-letter topic, shared by all
	 * instances of the service.
	 */
	static class DeadLetterRecorder implements RetryListener {

		private final JdbcClient jdbc;

		private final Counter counter;

		DeadLetterRecorder(JdbcClient jdbc, Counter counter) {
			this.jdbc = jdbc;
			this.counter = counter;
		}

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		}

		@Override
		public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
			this.counter.increment();
			try {
				this.jdbc.sql("""
						insert into dead_letter (topic, partition, record_offset, error)
						values (:topic, :partition, :offset, :error)
						""")
					.param("topic", record.topic())
					.param("partition", record.partition())
					.param("offset", record.offset())
					.param("error", NestedExceptionUtils.getMostSpecificCause(ex).toString())
					.update();
			}
			catch (RuntimeException failure) {
				log.warn("Could not record the dead letter {}-{}@{}: {}", record.topic(), record.partition(),
						record.offset(), failure.toString());
			}
		}

	}

}
