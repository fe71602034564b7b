package cdcdemo.messages.groups;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the consumer groups of a topic with the Admin API: {@code listGroups} (consumer
 * groups only), {@code describeConsumerGroups} for members and assignments,
 * {@code listConsumerGroupOffsets} for what each group committed, and {@code listOffsets}
 * for the partitions' ends. The ends are read {@code read_committed}, the last stable
 * offsets: what a group that reads committed records (as onboarding-service does) can
 * reach, so an open transaction of the bridge does not show as lag.
 */
@Component
class ConsumerGroups implements DisposableBean {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final String bootstrapServers;

	private Admin admin;

	ConsumerGroups(@Value("${messages.bootstrap-servers}") String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Every group reading a topic, with its members and lag.
	 * @param topic the topic
	 * @return the groups, empty if the topic does not exist
	 */
	Optional<TopicGroups> of(String topic) {
		try {
			Admin admin = admin();
			TopicDescription description;
			try {
				description = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
					return Optional.empty();
				}
				throw ex;
			}
			List<TopicPartition> partitions = description.partitions()
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			partitions.forEach((tp) -> latest.put(tp, OffsetSpec.latest()));
			Map<TopicPartition, Long> ends = new HashMap<>();
			get(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
				.forEach((tp, info) -> ends.put(tp, info.offset()));

			Collection<GroupListing> listings = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all());
			List<String> ids = listings.stream().map(GroupListing::groupId).toList();
			if (ids.isEmpty()) {
				return Optional.of(new TopicGroups(topic, List.of(), Instant.now()));
			}
			Map<String, ConsumerGroupDescription> descriptions = get(admin.describeConsumerGroups(ids).all());
			Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
			ids.forEach((id) -> specs.put(id, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)));
			Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = get(
					admin.listConsumerGroupOffsets(specs).all());

			List<Group> groups = new ArrayList<>();
			for (String id : ids) {
				ConsumerGroupDescription group = descriptions.get(id);
				Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(id, Map.of());
				List<Member> members = members(group, topic);
				boolean reads = offsets.values().stream().anyMatch((offset) -> offset != null)
						|| members.stream().anyMatch((member) -> !member.partitions().isEmpty());
				if (reads) {
					groups.add(group(group, members, partitions, offsets, ends));
				}
			}
			groups.sort(Comparator.comparing(Group::groupId));
			return Optional.of(new TopicGroups(topic, groups, Instant.now()));
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not read the consumer groups of " + topic + ": " + ex.getMessage(),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the consumer groups of " + topic, ex);
		}
	}

	private static List<Member> members(ConsumerGroupDescription group, String topic) {
		return group.members()
			.stream()
			.map((member) -> new Member(member.consumerId(), member.clientId(), member.host(), assigned(member, topic)))
			.sorted(Comparator.comparing(Member::clientId).thenComparing(Member::memberId))
			.toList();
	}

	private static Set<Integer> assigned(MemberDescription member, String topic) {
		Set<Integer> partitions = new TreeSet<>();
		member.assignment()
			.topicPartitions()
			.stream()
			.filter((tp) -> tp.topic().equals(topic))
			.forEach((tp) -> partitions.add(tp.partition()));
		return partitions;
	}

	private static Group group(ConsumerGroupDescription group, List<Member> members, List<TopicPartition> partitions,
			Map<TopicPartition, OffsetAndMetadata> offsets, Map<TopicPartition, Long> ends) {
		List<PartitionLag> lags = new ArrayList<>();
		long total = 0;
		for (TopicPartition tp : partitions) {
			OffsetAndMetadata offset = offsets.get(tp);
			Long committed = (offset != null) ? offset.offset() : null;
			long end = ends.getOrDefault(tp, 0L);
			Long lag = (committed != null) ? Math.max(0, end - committed) : null;
			total += (lag != null) ? lag : 0;
			String owner = members.stream()
				.filter((member) -> member.partitions().contains(tp.partition()))
				.map(Member::clientId)
				.findFirst()
				.orElse(null);
			lags.add(new PartitionLag(tp.partition(), committed, end, lag, owner));
		}
		lags.sort(Comparator.comparingInt(PartitionLag::partition));
		return new Group(group.groupId(), group.groupState().toString(), members, lags, total);
	}

	private static <T> T get(KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
		return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
					AdminClientConfig.CLIENT_ID_CONFIG, "message-list-groups",
					AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
					AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(5));
			this.admin = null;
		}
	}

	/**
	 * The groups reading a topic.
	 *
	 * @param topic the topic
	 * @param groups every consumer group with committed offsets on the topic or members
	 * assigned to it
	 * @param readAt when this was read
	 */
	record TopicGroups(String topic, List<Group> groups, Instant readAt) {
	}

	/**
	 * One consumer group's view of the topic.
	 *
	 * @param groupId the group id
	 * @param state the group state ({@code STABLE}, {@code EMPTY},
	 * {@code PREPARINGREBALANCE}...)
	 * @param members the members, with the partitions of this topic assigned to each
	 * @param partitions the lag per partition
	 * @param lag the lag over all partitions with a committed offset
	 */
	record Group(String groupId, String state, List<Member> members, List<PartitionLag> partitions, long lag) {
	}

	/**
	 * A member of a group.
	 *
	 * @param memberId the member id the coordinator gave it
	 * @param clientId the client id it connected with
	 * @param host where it connected from
	 * @param partitions the partitions of this topic assigned to it
	 */
	record Member(String memberId, String clientId, String host, Set<Integer> partitions) {
	}

	/**
	 * How far a group is behind on one partition.
	 *
	 * @param partition the partition
	 * @param committed the group's committed offset, {@code null} if it never committed
	 * one
	 * @param end the partition's last stable offset
	 * @param lag {@code end - committed}, {@code null} without a committed offset
	 * @param owner the client id of the member the partition is assigned to, {@code null}
	 * if none
	 */
	record PartitionLag(int partition, Long committed, long end, Long lag, String owner) {
	}

}
