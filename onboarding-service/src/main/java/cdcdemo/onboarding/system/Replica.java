package cdcdemo.onboarding.system;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * This process among the replicas of the service that share the consumer group: a name of
 * its own, made at start, that the client ids of its consumers start with
 * ({@code <name>-0}, {@code <name>-1} ...). Kafka's own client ids
 * ({@code consumer-onboarding-service-1} ...) are counted per process, so two replicas
 * would have the same ones, and the dashboard could not tell its consumers from another
 * replica's; nor can the host, when replicas share one.
 */
@Component("replica")
public class Replica {

	private final String name = "onboarding-" + UUID.randomUUID().toString().substring(0, 8);

	/**
	 * @return the name, {@code onboarding-} and eight hex digits
	 */
	public String name() {
		return this.name;
	}

}
