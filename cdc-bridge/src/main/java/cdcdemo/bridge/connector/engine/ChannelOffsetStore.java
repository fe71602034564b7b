package cdcdemo.bridge.connector.engine;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * The engine's offset store, writing through the connector's {@link EventChannel}: a
 * flush of the engine's offsets is a commit of the channel, so the offsets go into the
 * same Kafka transaction as the events they cover, and the engine moves the replication
 * slot (its {@code task.commit()}) only after that transaction committed. The topic and
 * its records are those of Kafka Connect's {@code KafkaOffsetBackingStore}, so a
 * connector keeps its position if it moves to a Kafka Connect cluster.
 * <p>
 * Debezium creates its offset store from a class name, with a no-argument constructor;
 * the channel it belongs to is found through the engine property {@value #CHANNEL}, a key
 * of {@link #register}.
 */
public class ChannelOffsetStore implements OffsetBackingStore {

	static final String CHANNEL = "cdc.bridge.channel";

	private static final Map<String, EventChannel> channels = new ConcurrentHashMap<>();

	private final Map<ByteBuffer, ByteBuffer> data = new ConcurrentHashMap<>();

	private EventChannel channel;

	private String bootstrapServers;

	/**
	 * Make a channel known to the store that its engine creates.
	 * @param channel the channel
	 * @return the value of the engine property {@value #CHANNEL}
	 */
	static String register(EventChannel channel) {
		String key = UUID.randomUUID().toString();
		channels.put(key, channel);
		return key;
	}

	static void unregister(String key) {
		channels.remove(key);
	}

	@Override
	public void configure(WorkerConfig config) {
		String key = config.originalsStrings().get(CHANNEL);
		this.channel = (key != null) ? channels.get(key) : null;
		if (this.channel == null) {
			throw new ConfigException(CHANNEL, key, "no event channel is registered under this key");
		}
		this.bootstrapServers = String.join(",", config.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
	}

	@Override
	public void start() {
		this.data.putAll(this.channel.readOffsets(this.bootstrapServers));
	}

	@Override
	public void stop() {
		// the channel, and its producer, belong to the connector's runtime
	}

	@Override
	public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
		Map<ByteBuffer, ByteBuffer> values = new HashMap<>();
		for (ByteBuffer key : keys) {
			values.put(key, this.data.get(key));
		}
		return CompletableFuture.completedFuture(values);
	}

	@Override
	public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
		try {
			this.channel.commit(values);
		}
		catch (RuntimeException ex) {
			if (callback != null) {
				callback.onCompletion(ex, null);
			}
			return CompletableFuture.failedFuture(ex);
		}
		values.forEach((key, value) -> {
			if (value == null) {
				this.data.remove(key);
			}
			else {
				this.data.put(key, value);
			}
		});
		if (callback != null) {
			callback.onCompletion(null, null);
		}
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public Set<Map<String, Object>> connectorPartitions(String connectorName) {
		// asked by Kafka Connect's offsets REST API only, which the embedded engine does
		// not serve
		return Set.of();
	}

}
