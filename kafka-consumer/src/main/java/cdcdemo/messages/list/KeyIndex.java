package cdcdemo.messages.list;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.carrotsearch.hppc.BitMixer;
import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import org.apache.kafka.common.TopicPartition;

import org.springframework.stereotype.Component;

/**
 * Which offsets hold each key, built as the live reader reads its topics from the
 * beginning, so that a row's history reads only the key's records instead of the whole
 * topic (see {@link HistoryReader#history}).
 * <p>
 * Per partition, each record costs two {@code int}s in primitive arrays: its offset
 * relative to the first indexed one, and the position of the previous record with the
 * same key (a chain, newest to oldest). Each distinct key costs one slot of a primitive
 * open hash map from a 64-bit hash of the key to its newest record: {@code long} +
 * {@code int} at a load factor of 0.75, about 16 bytes. So about 8 bytes per record plus
 * 16 per key, up to twice that while an array grows ({@link #bytes()} counts what is
 * allocated). Keys are not stored: two keys with the same hash share a chain, and the
 * history checks every record it fetches, so a collision costs a read, never a wrong
 * answer.
 * <p>
 * The index is bounded by {@code messages.key-index-max-records} over all partitions; a
 * partition that hits the bound stops growing, and a history reads what it no longer
 * covers by scanning, as it does before the reader has caught up. A partition read from
 * its end (a topic a viewer chose, not a configured one) is not indexed at all.
 */
@Component
class KeyIndex {

	private final long maxRecords;

	private final Map<TopicPartition, PartitionIndex> partitions = new ConcurrentHashMap<>();

	private final AtomicLong records = new AtomicLong();

	KeyIndex(MessagesProperties properties) {
		this.maxRecords = properties.keyIndexMaxRecords();
	}

	/**
	 * Starts (or restarts) the index of a partition the reader has just sought to its
	 * beginning.
	 * @param partition the partition
	 */
	void startFromBeginning(TopicPartition partition) {
		PartitionIndex replaced = this.partitions.put(partition, new PartitionIndex());
		if (replaced != null) {
			this.records.addAndGet(-replaced.size());
		}
	}

	/**
	 * Adds a record the reader read; records of a partition must come in offset order.
	 * @param partition the partition
	 * @param offset the record's offset
	 * @param keyId the record's key identity ({@link Message#keyId()}); {@code null} keys
	 * are not indexed
	 */
	void add(TopicPartition partition, long offset, String keyId) {
		PartitionIndex index = this.partitions.get(partition);
		if (index == null || keyId == null) {
			return;
		}
		if (this.records.get() >= this.maxRecords) {
			index.stop();
		}
		else if (index.add(offset, hash(keyId))) {
			this.records.incrementAndGet();
		}
	}

	/**
	 * Records that the reader has passed every offset below a position (records,
	 * transaction markers and aborted records alike).
	 * @param partition the partition
	 * @param position the reader's position
	 */
	void readUpTo(TopicPartition partition, long position) {
		PartitionIndex index = this.partitions.get(partition);
		if (index != null) {
			index.readUpTo(position);
		}
	}

	/**
	 * The offsets that may hold a key, as far as the index covers the partition.
	 * @param partition the partition
	 * @param keyId the key identity
	 * @return the candidates (ascending) and the offset from which the partition is not
	 * covered; empty if the partition is not indexed
	 */
	Optional<Lookup> lookup(TopicPartition partition, String keyId) {
		PartitionIndex index = this.partitions.get(partition);
		return (index != null) ? Optional.of(index.lookup(hash(keyId))) : Optional.empty();
	}

	/**
	 * The offset below which the index covers a partition.
	 * @param partition the partition
	 * @return the offset, {@code -1} if the partition is not indexed
	 */
	long coveredUpTo(TopicPartition partition) {
		PartitionIndex index = this.partitions.get(partition);
		return (index != null) ? index.coveredUpTo() : -1;
	}

	long records() {
		return this.records.get();
	}

	/**
	 * The memory the index holds: its arrays as allocated.
	 * @return bytes
	 */
	long bytes() {
		return this.partitions.values().stream().mapToLong(PartitionIndex::bytes).sum();
	}

	/**
	 * A 64-bit hash of a key identity: FNV-1a over its characters, then mixed.
	 */
	static long hash(String keyId) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < keyId.length(); i++) {
			hash ^= keyId.charAt(i);
			hash *= 0x100000001b3L;
		}
		return BitMixer.mix64(hash);
	}

	/**
	 * What the index knows of one key in one partition.
	 *
	 * @param offsets the offsets that may hold the key, ascending (a hash collision adds
	 * others)
	 * @param coveredUpTo every record below this offset was indexed; from it on the
	 * partition must be scanned
	 */
	record Lookup(long[] offsets, long coveredUpTo) {
	}

	/**
	 * One partition's index. Written by the reader thread, read by request threads: every
	 * access holds the lock.
	 */
	private static final class PartitionIndex {

		private static final int NONE = -1;

		private final IntArrayList relativeOffsets = new IntArrayList();

		private final IntArrayList previous = new IntArrayList();

		private final LongIntHashMap newest = new LongIntHashMap();

		private long base = -1;

		private long coveredUpTo;

		/** Set once the bound is hit: the partition is covered up to where it stopped. */
		private boolean full;

		synchronized boolean add(long offset, long keyHash) {
			if (this.full || offset < this.coveredUpTo || (this.base >= 0 && offset - this.base > Integer.MAX_VALUE)) {
				this.full = true;
				return false;
			}
			if (this.base < 0) {
				this.base = offset;
			}
			int position = this.relativeOffsets.size();
			this.relativeOffsets.add((int) (offset - this.base));
			this.previous.add(this.newest.getOrDefault(keyHash, NONE));
			this.newest.put(keyHash, position);
			this.coveredUpTo = offset + 1;
			return true;
		}

		synchronized void stop() {
			this.full = true;
		}

		synchronized void readUpTo(long position) {
			if (!this.full && position > this.coveredUpTo) {
				this.coveredUpTo = position;
			}
		}

		synchronized Lookup lookup(long keyHash) {
			int count = 0;
			for (int at = this.newest.getOrDefault(keyHash, NONE); at != NONE; at = this.previous.get(at)) {
				count++;
			}
			long[] offsets = new long[count];
			int i = count;
			for (int at = this.newest.getOrDefault(keyHash, NONE); at != NONE; at = this.previous.get(at)) {
				offsets[--i] = this.base + this.relativeOffsets.get(at);
			}
			return new Lookup(offsets, this.coveredUpTo);
		}

		synchronized long coveredUpTo() {
			return this.coveredUpTo;
		}

		synchronized int size() {
			return this.relativeOffsets.size();
		}

		synchronized long bytes() {
			return this.relativeOffsets.ramBytesAllocated() + this.previous.ramBytesAllocated()
					+ this.newest.ramBytesAllocated();
		}

	}

}
