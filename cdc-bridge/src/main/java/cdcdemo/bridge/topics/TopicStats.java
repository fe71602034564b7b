package cdcdemo.bridge.topics;

import java.util.List;

/**
 * A topic as the topics view shows it, in the spirit of {@code heroku kafka:topics}.
 *
 * @param name the topic
 * @param partitions its partitions
 * @param messages messages currently held (latest minus earliest offset, summed over
 * partitions)
 * @param messagesPerSecond messages appended per second, between the last two samples
 * @param bytes bytes on the broker's disk
 * @param bytesPerSecond bytes appended per second, between the last two samples
 * @param retentionMs {@code retention.ms}; -1 for unlimited
 * @param cleanupPolicy {@code delete}, {@code compact} or both
 * @param partitionDetails per partition: leader and offsets
 */
record TopicStats(String name, int partitions, long messages, double messagesPerSecond, long bytes,
		double bytesPerSecond, long retentionMs, String cleanupPolicy, List<PartitionStats> partitionDetails) {

	/**
	 * One partition.
	 *
	 * @param partition its number
	 * @param leader the broker leading it
	 * @param earliestOffset the first offset still held
	 * @param latestOffset the next offset to be written
	 */
	record PartitionStats(int partition, int leader, long earliestOffset, long latestOffset) {
	}

}
