package cdcdemo.bridge.connector;

import java.util.Map;

import io.debezium.embedded.KafkaConnectUtil;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;

/**
 * Kafka Connect's offset store in a Kafka topic, the one a Kafka Connect cluster uses, so the bridge's positions are
 * durable and a connector could move to Kafka Connect with them.
 * <p>
 * Debezium 3.6.1 builds this store with an admin client that it never closes, which leaves a thread per engine
 * restart retrying a broker forever. This subclass owns its admin client and closes it with the store. The engine
 * instantiates it by class name, through the public no-argument constructor.
 */
public class ClosingKafkaOffsetBackingStore extends KafkaOffsetBackingStore {

	private final AdminHolder admin;

	public ClosingKafkaOffsetBackingStore() {
		this(new AdminHolder());
	}

	private ClosingKafkaOffsetBackingStore(AdminHolder admin) {
		super(() -> admin.topicAdmin.topicAdmin(), () -> "cdc-bridge-offsets", KafkaConnectUtil.converterForOffsetStore());
		this.admin = admin;
	}

	@Override
	public void configure(WorkerConfig config) {
		this.admin.topicAdmin = new SharedTopicAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				config.getList(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG)));
		super.configure(config);
	}

	@Override
	public void stop() {
		try {
			super.stop();
		}
		finally {
			if (this.admin.topicAdmin != null) {
				this.admin.topicAdmin.close();
			}
		}
	}

	private static final class AdminHolder {

		private volatile SharedTopicAdmin topicAdmin;

	}

}
