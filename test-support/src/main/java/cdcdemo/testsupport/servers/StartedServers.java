package cdcdemo.testsupport.servers;

import java.util.EnumMap;
import java.util.Map;

import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;
import cdcdemo.testsupport.servers.RealServersExtension.Server;

/**
 * The servers {@link RealServersExtension} started for one test class (or found started,
 * for shared ones).
 */
public final class StartedServers {

	private final Map<Server, Object> servers = new EnumMap<>(Server.class);

	StartedServers() {
	}

	synchronized void put(Server server, Object running) {
		this.servers.put(server, running);
	}

	synchronized Object get(Server server) {
		return this.servers.get(server);
	}

	private Object required(Server server) {
		Object running = get(server);
		if (running == null) {
			throw new IllegalStateException(
					"the test class did not ask for " + server.name().toLowerCase() + " (see @RealServers)");
		}
		return running;
	}

	public PostgresServer postgres() {
		return (PostgresServer) required(Server.POSTGRES);
	}

	public KafkaServer kafka() {
		return (KafkaServer) required(Server.KAFKA);
	}

	public MailCatcher smtp() {
		return (MailCatcher) required(Server.SMTP);
	}

}
