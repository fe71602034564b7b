package cdcdemo.bridge.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.requests.DescribeLogDirsResponse;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples every topic of the bridge's Kafka cluster (offsets, sizes on disk, retention,
 * compaction) every few seconds, so the topics view can show messages and bytes per
 * second as the difference of the last two samples.
 */
@Component
class TopicsMonitor implements DisposableBean {

	private record Sample(long atNanos, Map<String, TopicStats> topics) {
	}

	private final Admin admin;

	private volatile Sample latest;

	TopicsMonitor(KafkaProperties kafka) {
		this.admin = Admin.create(kafka.buildAdminProperties());
	}

	List<TopicStats> topics() {
		Sample sample = (this.latest != null) ? this.latest : sample();
		return sample.topics().values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
	}

	@Scheduled(fixedDelayString = "${cdc.topics.sample-interval:5s}")
	void refresh() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// the broker is away; the view keeps the last sample
		}
	}

	private synchronized Sample sample() {
		try {
			long now = System.nanoTime();
			Set<String> names = this.admin.listTopics().names().get(10, TimeUnit.SECONDS);
			Map<String, TopicDescription> descriptions = this.admin.describeTopics(names)
				.allTopicNames()
				.get(10, TimeUnit.SECONDS);
			List<TopicPartition> partitions = descriptions.values()
				.stream()
				.flatMap((d) -> d.partitions().stream().map((p) -> new TopicPartition(d.name(), p.partition())))
				.toList();
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> earliest = offsets(partitions,
					OffsetSpec.earliest());
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = offsets(partitions,
					OffsetSpec.latest());
			Map<ConfigResource, Config> configs = this.admin
				.describeConfigs(names.stream().map((n) -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList())
				.all()
				.get(10, TimeUnit.SECONDS);
			Map<String, Long> sizes = sizes(descriptions.values());
			Sample previousSample = this.latest;
			Map<String, TopicStats> stats = new HashMap<>();
			for (TopicDescription description : descriptions.values()) {
				List<TopicStats.PartitionStats> details = new ArrayList<>();
				long messages = 0;
				for (var partition : description.partitions()) {
					TopicPartition tp = new TopicPartition(description.name(), partition.partition());
					long first = earliest.get(tp).offset();
					long next = latest.get(tp).offset();
					messages += next - first;
					details.add(new TopicStats.PartitionStats(partition.partition(),
							(partition.leader() != null) ? partition.leader().id() : -1, first, next));
				}
				long appended = details.stream().mapToLong(TopicStats.PartitionStats::latestOffset).sum();
				Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, description.name()));
				long bytes = sizes.getOrDefault(description.name(), 0L);
				double messagesPerSecond = 0;
				double bytesPerSecond = 0;
				TopicStats before = (previousSample != null) ? previousSample.topics().get(description.name()) : null;
				if (before != null) {
					double seconds = (now - previousSample.atNanos()) / 1e9;
					long appendedBefore = before.partitionDetails()
						.stream()
						.mapToLong(TopicStats.PartitionStats::latestOffset)
						.sum();
					messagesPerSecond = Math.max(0, appended - appendedBefore) / seconds;
					bytesPerSecond = Math.max(0, bytes - before.bytes()) / seconds;
				}
				stats.put(description.name(),
						new TopicStats(description.name(), description.partitions().size(), messages, messagesPerSecond,
								bytes, bytesPerSecond,
								Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value()),
								config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(), details));
			}
			Sample sample = new Sample(now, stats);
			this.latest = sample;
			return sample;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not describe its topics: " + ex.getMessage(), ex);
		}
	}

	private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(List<TopicPartition> partitions,
			OffsetSpec spec) throws InterruptedException, ExecutionException, TimeoutException {
		return this.admin.listOffsets(partitions.stream().collect(Collectors.toMap((p) -> p, (p) -> spec)))
			.all()
			.get(10, TimeUnit.SECONDS);
	}

	private Map<String, Long> sizes(Collection<TopicDescription> descriptions)
			throws InterruptedException, ExecutionException, TimeoutException {
		Set<Integer> brokers = descriptions.stream()
			.flatMap((d) -> d.partitions().stream())
			.filter((p) -> p.leader() != null)
			.map((p) -> p.leader().id())
			.collect(Collectors.toSet());
		Map<String, Long> sizes = new HashMap<>();
		this.admin.describeLogDirs(brokers)
			.allDescriptions()
			.get(10, TimeUnit.SECONDS)
			.values()
			.forEach((dirs) -> dirs.values()
				.forEach((dir) -> dir.replicaInfos()
					.forEach((partition, info) -> sizes.merge(partition.topic(), info.size(), Long::sum))));
		return sizes;
	}

	@Override
	public void destroy() {
		this.admin.close();
	}

}
