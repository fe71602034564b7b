package cdcdemo.reactions;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application gets by depending on this module: {@link Reactions} named after the
 * application, and the declaration of the topic, deleted after its retention, never
 * compacted.
 */
class ReactionsAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, ReactionsAutoConfiguration.class))
		// no broker here: KafkaAdmin must not look for one at start-up
		.withPropertyValues("spring.kafka.admin.auto-create=false", "spring.application.name=my-consumer");

	@Test
	void declaresTheTopicWithTimeRetention() {
		this.contexts.run((context) -> {
			assertThat(context).hasSingleBean(Reactions.class);
			NewTopic topic = context.getBean("reactionsTopic", NewTopic.class);
			assertThat(topic.name()).isEqualTo("platform.reactions");
			assertThat(topic.numPartitions()).isEqualTo(3);
			assertThat(topic.configs()).containsEntry("cleanup.policy", "delete")
				.containsEntry("retention.ms", Long.toString(7L * 24 * 60 * 60 * 1000));
			assertThat(context.getBean(ReactionsProperties.class).service()).isEmpty();
		});
	}

	@Test
	void takesItsSettingsFromPlatformReactions() {
		this.contexts
			.withPropertyValues("platform.reactions.topic=my.reactions", "platform.reactions.retention=1d",
					"platform.reactions.partitions=1", "platform.reactions.service=other-name")
			.run((context) -> {
				NewTopic topic = context.getBean("reactionsTopic", NewTopic.class);
				assertThat(topic.name()).isEqualTo("my.reactions");
				assertThat(topic.numPartitions()).isEqualTo(1);
				assertThat(topic.configs()).containsEntry("retention.ms", "86400000");
				assertThat(context.getBean(ReactionsProperties.class).service()).isEqualTo("other-name");
			});
	}

	@Test
	void leavesTheApplicationsKafkaTemplateTheOnlyOne() {
		this.contexts.run((context) -> assertThat(context).hasSingleBean(KafkaTemplate.class));
	}

}
