package cdcdemo.onboarding.system;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

import cdcdemo.events.MalformedChangeEventException;

/**
 * What happens when handling a change event fails. Passing failures (SMTP or database down) are retried with a
 * growing, bounded back-off; a value that is not a change event can never succeed and goes straight to the dead-letter
 * topic. Either way the record ends up on {@code <topic>.DLT} and the consumer goes on with the next one, so a single
 * bad record never blocks the onboarding of everyone after it.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

	private static final Logger log = LoggerFactory.getLogger(KafkaErrorHandling.class);

	@Bean
	CommonErrorHandler errorHandler(KafkaOperations<Object, Object> template, OnboardingProperties properties) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(record.topic() + ".DLT", -1));
		ExponentialBackOff backOff = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
		backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
		backOff.setMaxElapsedTime(properties.retry().maxElapsedTime().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(MalformedChangeEventException.class);
		handler.setRetryListeners(new LoggingRetryListener());
		return handler;
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

}
