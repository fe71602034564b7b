package cdcdemo.reactions;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.util.StringUtils;

/**
 * {@link Reactions} for every application with Boot's Kafka auto-configuration, and the
 * reactions topic, which Boot's {@code KafkaAdmin} creates at start-up if it is missing.
 * <p>
 * The reactions are sent with a template of their own over Boot's producer factory: the
 * same servers, security and producer settings as the application's, with two settings
 * pinned. String serializers, because the contract is JSON text without headers whatever
 * the application serializes its own records with; and {@code max.block.ms}, see
 * {@link ReactionsProperties#maxBlock()}. It is not a bean, so it stands beside the
 * application's {@code KafkaTemplate} without making that one ambiguous.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(ProducerFactory.class)
@EnableConfigurationProperties(ReactionsProperties.class)
public class ReactionsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Reactions reactions(ProducerFactory<?, ?> producerFactory, ReactionsProperties properties,
			Environment environment) {
		@SuppressWarnings("unchecked")
		ProducerFactory<String, String> strings = (ProducerFactory<String, String>) producerFactory;
		KafkaTemplate<String, String> template = new KafkaTemplate<>(strings,
				Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.maxBlock().toMillis()));
		String service = StringUtils.hasText(properties.service()) ? properties.service()
				: environment.getProperty("spring.application.name", "application");
		return new Reactions(template, properties.topic(), service);
	}

	@Bean
	NewTopic reactionsTopic(ReactionsProperties properties) {
		return TopicBuilder.name(properties.topic())
			.partitions(properties.partitions())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
			.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.retention().toMillis()))
			.build();
	}

}
