package cdcdemo.platform.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.platform.FreePort;

/**
 * A real Kafka broker in KRaft mode (one node that is both broker and controller),
 * running in this JVM from the {@code kafka_2.13} artifact. The log directory is
 * formatted on first use, as {@code kafka-storage.sh format} would, and kept between
 * runs.
 */
public final class KafkaServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);

	private final KafkaRaftServer server;

	private final int port;

	private KafkaServer(KafkaRaftServer server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * Start the broker.
	 * @param logDir where the broker keeps its logs and metadata
	 * @param port the client port, 0 for any free one
	 * @param controllerPort the controller port, 0 for any free one
	 * @return the running broker
	 */
	public static KafkaServer start(Path logDir, int port, int controllerPort) {
		int brokerPort = FreePort.orAny(port);
		int quorumPort = FreePort.orAny(controllerPort);
		Properties p = new Properties();
		p.put("process.roles", "broker,controller");
		p.put("node.id", "1");
		p.put("controller.quorum.voters", "1@127.0.0.1:" + quorumPort);
		p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + quorumPort);
		p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
		p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		p.put("controller.listener.names", "CONTROLLER");
		p.put("inter.broker.listener.name", "PLAINTEXT");
		p.put("log.dirs", logDir.toAbsolutePath().toString());
		p.put("num.partitions", "1");
		p.put("offsets.topic.replication.factor", "1");
		p.put("offsets.topic.num.partitions", "1");
		p.put("transaction.state.log.replication.factor", "1");
		p.put("transaction.state.log.min.isr", "1");
		// one partition instead of 50: the bridge's transactional producers find their
		// coordinator in the time it
		// takes to create one partition, not fifty, when the broker is new
		p.put("transaction.state.log.num.partitions", "1");
		p.put("share.coordinator.state.topic.replication.factor", "1");
		p.put("share.coordinator.state.topic.min.isr", "1");
		p.put("group.initial.rebalance.delay.ms", "0");
		// the default is a 128 MiB heap buffer, too much for a laptop-sized JVM
		p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
		KafkaConfig config = new KafkaConfig(p, false);
		try {
			Files.createDirectories(logDir);
			if (!Files.exists(logDir.resolve("meta.properties"))) {
				new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
					.setNodeId(1)
					.setClusterId(Uuid.randomUuid().toString())
					.addDirectory(logDir.toAbsolutePath().toString())
					.setMetadataLogDirectory(logDir.toAbsolutePath().toString())
					.setControllerListenerName("CONTROLLER")
					.setReleaseVersion(MetadataVersion.latestProduction())
					.run();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not format the Kafka log directory " + logDir, ex);
		}
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		server.startup();
		log.info("Kafka (KRaft) up at 127.0.0.1:{} (logs in {})", brokerPort, logDir.toAbsolutePath());
		return new KafkaServer(server, brokerPort);
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
