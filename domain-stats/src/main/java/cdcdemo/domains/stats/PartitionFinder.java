package cdcdemo.domains.stats;

import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The partitions of a topic, for a listener that assigns itself all of them (the
 * "Manually Assigning All Partitions" tip of the Spring for Apache Kafka reference).
 * Asked once, at start-up: partitions added later are read after a restart. A topic that
 * does not exist yet (this service started before the bridge's first event) is read from
 * its partition 0 as soon as it appears: the bridge's topics are created by the broker
 * with its default of one partition.
 */
@Component
class PartitionFinder {

	private static final Logger log = LoggerFactory.getLogger(PartitionFinder.class);

	private final ConsumerFactory<String, String> consumerFactory;

	PartitionFinder(ConsumerFactory<String, String> consumerFactory) {
		this.consumerFactory = consumerFactory;
	}

	/** Public for SpEL: {@code #{@partitionFinder.partitions('topic')}}. */
	public String[] partitions(String topic) {
		try (Consumer<String, String> consumer = this.consumerFactory.createConsumer()) {
			List<PartitionInfo> partitions = consumer.partitionsFor(topic);
			if (partitions.isEmpty()) {
				log.warn("Topic {} does not exist yet; reading its partition 0 once it does", topic);
				return new String[] { "0" };
			}
			return partitions.stream().map((partition) -> String.valueOf(partition.partition())).toArray(String[]::new);
		}
	}

}
