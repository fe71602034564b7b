package cdcdemo.domains.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens when the listener cannot handle a record: it is logged with its position,
 * counted (metric {@code domains.skipped.records}), and skipped, so one bad record never
 * stops the counting.
 * <p>
 * No retries: the listener only updates memory, so a failure is a record that is not a
 * change event, and it would fail again. No dead-letter topic either, unlike
 * onboarding-service: this service reads the topic from the beginning at each start, so
 * it would publish the same bad records to {@code <topic>.DLT} again after every restart,
 * and the record stays available where it is, at the logged offset. The counter starts
 * from zero with the state, so it always says how many records the counts shown leave
 * out. Once your consumer keeps durable state with a consumer group, use a
 * {@code DeadLetterPublishingRecoverer} as the recoverer, as onboarding-service does.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

	private static final Logger log = LoggerFactory.getLogger(KafkaErrorHandling.class);

	@Bean
	CommonErrorHandler errorHandler(MeterRegistry meters) {
		Counter skipped = Counter.builder("domains.skipped.records")
			.description("Records of the users topic that are not change events, skipped since start-up")
			.register(meters);
		return new DefaultErrorHandler((record, ex) -> {
			skipped.increment();
			log.warn("Skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}, new FixedBackOff(0, 0));
	}

}
