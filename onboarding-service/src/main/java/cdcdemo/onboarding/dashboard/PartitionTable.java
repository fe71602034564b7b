package cdcdemo.onboarding.dashboard;

import java.util.List;

/**
 * The partitions of the change-event topic, each with the consumer of the group that owns
 * it and how far the group has got in it ({@link PartitionOwners}).
 *
 * @param groupId the consumer group, {@code null} if no consumer runs here
 * @param replica the name of this replica, that its consumers' client ids start with
 * @param partitions the partitions in order, empty when Kafka did not answer
 * @param idle the members that own no partition of the topic (more consumers than
 * partitions)
 * @param error why Kafka gave no table, {@code null} when it did
 */
record PartitionTable(String groupId, String replica, List<Partition> partitions, List<Consumer> idle, String error) {

	static PartitionTable failed(String groupId, String replica, String error) {
		return new PartitionTable(groupId, replica, List.of(), List.of(), error);
	}

	public boolean answered() {
		return this.error == null;
	}

	/**
	 * A member of the group.
	 *
	 * @param clientId its client id
	 * @param host the address it connects from
	 * @param thisReplica whether it is one of this replica's consumers
	 */
	record Consumer(String clientId, String host, boolean thisReplica) {
	}

	/**
	 * A partition and how far the group has got.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param owner the consumer that owns it, {@code null} while none does (the group is
	 * rebalancing, or no consumer runs)
	 * @param committed the offset the group committed, {@code null} before the first
	 * commit
	 * @param end the partition's end, the last stable offset
	 * @param lag the records not handled yet, {@code null} before the first commit
	 */
	record Partition(String topic, int partition, Consumer owner, Long committed, long end, Long lag) {

		public String name() {
			return this.topic + "-" + this.partition;
		}

		public String replica() {
			return (this.owner == null) ? "none" : this.owner.thisReplica() ? "this" : "other";
		}

	}

}
