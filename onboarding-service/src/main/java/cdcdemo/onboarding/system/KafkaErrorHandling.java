package cdcdemo.onboarding.system;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
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
 * What happens when handling a change event fails. Passing failures (SMTP or database down) are retried with a
 * growing, bounded back-off; a value that is not a change event can never succeed and goes straight to the dead-letter
 * topic. Either way the record ends up on {@code <topic>.DLT} and the consumer goes on with the next one, so a single
 * bad record never blocks the onboarding of everyone after it. Each record given up on is also counted (metric
 * {@code onboarding.dead.letters}) and recorded in the {@code dead_letter} table for the dashboard.
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
		DefaultErrorHandler handler = new DefaultErrorHandler(new TruncatingWhenTooLarge(recoverer), backOff);
		handler.addNotRetryableExceptions(MalformedChangeEventException.class);
		handler.setRetryListeners(new LoggingRetryListener(),
				new DeadLetterRecorder(jdbc, Counter.builder("onboarding.dead.letters")
					.description("Change events given up on and published to the dead-letter topic")
					.register(meters)));
		return handler;
	}

	/**
	 * Dead-letters a record too large to be dead-lettered as it is with a value cut to {@link #KEPT_BYTES} (and a
	 * header saying how long it was). A record the users topic took can be too large for the dead-letter topic once
	 * the exception headers are added (the largest record the broker accepts is, by definition): without this, the
	 * publication would fail on every attempt and the record would block every event after it.
	 */
	static class TruncatingWhenTooLarge implements ConsumerRecordRecoverer {

		static final int KEPT_BYTES = 64 * 1024;

		static final String TRUNCATED_HEADER = "dlt-value-truncated-from-bytes";

		private final ConsumerRecordRecoverer recoverer;

		TruncatingWhenTooLarge(ConsumerRecordRecoverer recoverer) {
			this.recoverer = recoverer;
		}

		@Override
		public void accept(ConsumerRecord<?, ?> record, Exception ex) {
			try {
				this.recoverer.accept(record, ex);
			}
			catch (RuntimeException failure) {
				if (!(NestedExceptionUtils.getRootCause(failure) instanceof RecordTooLargeException)
						|| !(record.value() instanceof String value) || value.length() <= KEPT_BYTES) {
					throw failure;
				}
				log.warn("{}-{}@{} is too large for {}.DLT ({} chars); dead-lettering its first {}", record.topic(),
						record.partition(), record.offset(), record.topic(), value.length(), KEPT_BYTES);
				RecordHeaders headers = new RecordHeaders(record.headers().toArray());
				headers.add(TRUNCATED_HEADER, Integer.toString(value.length()).getBytes(StandardCharsets.UTF_8));
				this.recoverer.accept(new ConsumerRecord<Object, Object>(record.topic(), record.partition(), record.offset(),
						record.timestamp(), record.timestampType(), record.serializedKeySize(), KEPT_BYTES, record.key(),
						value.substring(0, KEPT_BYTES), headers, record.leaderEpoch()), ex);
			}
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
			log.error("Gave up on {}-{}@{}, it is now on {}.DLT: {}", record.topic(), record.partition(), record.offset(),
					record.topic(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}

		@Override
		public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
			log.error("Could not send {}-{}@{} to {}.DLT, it will be retried", record.topic(), record.partition(),
					record.offset(), record.topic(), failure);
		}

	}

	/**
	 * Keeps a durable trace of each record sent to the dead-letter topic, shared by all instances of the service.
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
