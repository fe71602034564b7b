package cdcdemo.onboarding.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import cdcdemo.onboarding.dashboard.PartitionTable.Consumer;
import cdcdemo.onboarding.dashboard.PartitionTable.Partition;
import cdcdemo.onboarding.system.Replica;

/**
 * Which consumer of the group owns each partition of the change-event topic right now,
 * and how far it has got, from Kafka's Admin API: {@code describeConsumerGroups} for the
 * members and their assignments, {@code listConsumerGroupOffsets} for what the group
 * committed and {@code listOffsets} for the partitions' ends. The ends are read
 * {@code read_committed}, as the consumers read, so a transaction of the bridge still
 * open is no lag. A member is this replica's when its client id is one of this replica's
 * consumers ({@link OwnedPartitions}), which are unique to it ({@link Replica}).
 * <p>
 * The dashboard asks on each showing, so an assignment that changed shows on the next
 * refresh. The questions are asked together and answered within {@link #TIMEOUT} or not
 * at all: a Kafka that is down or slow gives a table that says so, never a page that
 * hangs or fails. One Admin client serves every showing; it is closed with the
 * application, within two seconds whatever Kafka does.
 */
@Component
class PartitionOwners implements DisposableBean {

	static final Duration TIMEOUT = Duration.ofSeconds(3);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

	private final OwnedPartitions owned;

	private final String replica;

	private final Admin admin;

	PartitionOwners(KafkaAdmin kafkaAdmin, OwnedPartitions owned, Replica replica) {
		this.owned = owned;
		this.replica = replica.name();
		Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, this.replica + "-dashboard");
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() * 2 / 3);
		this.admin = Admin.create(config);
	}

	/**
	 * @return the partitions of the topics with their owners, or what kept Kafka from
	 * answering
	 */
	PartitionTable read() {
		String group = this.owned.groupId().orElse(null);
		if (group == null) {
			return PartitionTable.failed(null, this.replica, "No consumer of " + this.owned.topics() + " runs here.");
		}
		Set<String> ours = this.owned.byClientId().keySet();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		try {
			KafkaFuture<Map<String, TopicDescription>> topics = this.admin.describeTopics(this.owned.topics())
				.allTopicNames();
			KafkaFuture<ConsumerGroupDescription> description = this.admin.describeConsumerGroups(List.of(group))
				.describedGroups()
				.get(group);
			KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> committed = this.admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			get(topics, deadline).values()
				.forEach((topic) -> topic.partitions()
					.forEach((p) -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
			Map<TopicPartition, ListOffsetsResultInfo> ends = get(
					this.admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(),
					deadline);
			return table(group, ours, get(description, deadline), get(committed, deadline), ends);
		}
		catch (TimeoutException ex) {
			return didNotAnswerInTime(group);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
				return didNotAnswerInTime(group);
			}
			if (ex.getCause() instanceof GroupIdNotFoundException) {
				return PartitionTable.failed(group, this.replica,
						"No consumer has joined the group " + group + " yet: it is starting.");
			}
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return PartitionTable.failed(group, this.replica, "The topic " + this.owned.topics()
						+ " does not exist yet: the bridge makes it with its first change.");
			}
			return PartitionTable.failed(group, this.replica, "Kafka did not answer: " + ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return PartitionTable.failed(group, this.replica, "Kafka did not answer: interrupted.");
		}
	}

	private PartitionTable didNotAnswerInTime(String group) {
		return PartitionTable.failed(group, this.replica, "Kafka did not answer within " + TIMEOUT.toSeconds() + " s.");
	}

	private PartitionTable table(String group, Set<String> ours, ConsumerGroupDescription description,
			Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, ListOffsetsResultInfo> ends) {
		Map<TopicPartition, Consumer> owners = new HashMap<>();
		List<Consumer> idle = new ArrayList<>();
		for (MemberDescription member : description.members()) {
			Consumer consumer = new Consumer(member.clientId(), host(member), ours.contains(member.clientId()));
			List<TopicPartition> assigned = member.assignment()
				.topicPartitions()
				.stream()
				.filter((tp) -> ends.containsKey(tp))
				.toList();
			assigned.forEach((tp) -> owners.put(tp, consumer));
			if (assigned.isEmpty()) {
				idle.add(consumer);
			}
		}
		idle.sort(Comparator.comparing(Consumer::clientId));
		List<Partition> partitions = ends.entrySet()
			.stream()
			.map((end) -> partition(end.getKey(), owners.get(end.getKey()), committed.get(end.getKey()),
					end.getValue().offset()))
			.sorted(Comparator.comparing(Partition::topic).thenComparingInt(Partition::partition))
			.toList();
		return new PartitionTable(group, this.replica, partitions, idle, null);
	}

	private static Partition partition(TopicPartition tp, Consumer owner, OffsetAndMetadata committed, long end) {
		Long offset = (committed != null) ? committed.offset() : null;
		Long lag = (offset != null) ? Math.max(0, end - offset) : null;
		return new Partition(tp.topic(), tp.partition(), owner, offset, end, lag);
	}

	private static String host(MemberDescription member) {
		return member.host().startsWith("/") ? member.host().substring(1) : member.host();
	}

	private static <T> T get(KafkaFuture<T> future, long deadline)
			throws ExecutionException, InterruptedException, TimeoutException {
		return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
	}

	@Override
	public void destroy() {
		this.admin.close(CLOSE_TIMEOUT);
	}

}
