package cdcdemo.messages.list;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The settings every consumer of the message list shares, whatever it reads (the live
 * list, a page, a row's history, the dead letters, the reactions): it observes. No
 * {@code group.id}, so it is never a group member and never commits, and no consumer of
 * the platform notices it; topics it looks up are never created with the broker's
 * defaults before cdc-bridge creates them; and it reads {@code read_committed}: the
 * bridge writes in transactions, so a record shows once its transaction committed, never
 * an aborted one, and end offsets are the last stable ones.
 */
public final class ObserverConsumers {

	private ObserverConsumers() {
	}

	/**
	 * @param bootstrapServers the Kafka cluster
	 * @param clientId the consumer's client id, what the broker's logs and metrics name
	 * @return the settings, to which a consumer adds its own
	 */
	public static Map<String, Object> config(String bootstrapServers, String clientId) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return config;
	}

}
