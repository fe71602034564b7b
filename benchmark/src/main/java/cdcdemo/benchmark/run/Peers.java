package cdcdemo.benchmark.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.benchmark.processes.ConnectWorker;

/**
 * The peers cdc-bridge drains backlogs against, and how each is started: Debezium on
 * Kafka Connect with its defaults and tuned on one worker, tuned with exactly-once on a
 * worker of its own, and pg_recvlogical. Each gets its own replication slot, created by a
 * first start, and waits stopped for its turn ({@link Backlog}). The workers start in the
 * background while cdc-bridge starts; only those the peers of {@code --peers} need.
 */
final class Peers implements AutoCloseable {

	/**
	 * The producer settings that make cdc-bridge's delivery guarantee (its
	 * application.yml), given to the Kafka Connect worker too; batching and compression
	 * are left at their defaults there, and tuned for the tuned peer.
	 */
	static final Map<String, String> BRIDGE_PRODUCER = Map.of("acks", "all", "enable.idempotence", "true", "linger.ms",
			"5");

	/**
	 * cdc-bridge's own Debezium settings (see its DebeziumSettings), left out of the
	 * default Kafka Connect peer so that it runs with Debezium's defaults.
	 */
	static final List<String> BRIDGE_TUNING = List.of("poll.interval.ms", "max.batch.size", "max.queue.size");

	/** What the tuned Kafka Connect peer changes. */
	static final Map<String, String> TUNED = Map.of("max.batch.size", "8192", "max.queue.size", "32768",
			"poll.interval.ms", "10", "producer.override.linger.ms", "20", "producer.override.batch.size", "1048576",
			"producer.override.compression.type", "lz4");

	/**
	 * What the exactly-once peer adds to the tuned one (KIP-618): it fails rather than
	 * start without exactly-once, and commits a transaction for every batch its task's
	 * {@code poll} returns (the default boundary).
	 */
	static final Map<String, String> EXACTLY_ONCE = Map.of("exactly.once.support", "required", "transaction.boundary",
			"poll");

	/**
	 * The Kafka Connect peers: connector (its slot and topic prefix), name in the report.
	 */
	static final Map<String, String> CONNECT_PEERS = Map.of("cdefault", "connect-default", "ctuned", "connect-tuned",
			"ceos", "connect-tuned-eos");

	/** Every topic a peer writes to. */
	static final List<String> TOPICS = List.of(Servers.TOPIC, "cdefault.public.users", "ctuned.public.users",
			"ceos.public.users");

	private static final Logger log = LoggerFactory.getLogger(Peers.class);

	private final Settings settings;

	private final Servers servers;

	private final PrintStream out;

	private final CompletableFuture<ConnectWorker> connectStarting;

	/**
	 * The worker of the exactly-once peer: exactly-once source support is a setting of
	 * the whole worker.
	 */
	private final CompletableFuture<ConnectWorker> connectEosStarting;

	/** The replication slots of the peers, to drop when they are done. */
	private final List<String> slots = new ArrayList<>();

	/** The Kafka Connect connectors to run, of {@link #CONNECT_PEERS}. */
	private final List<String> connectors;

	private ConnectWorker worker;

	private ConnectWorker eosWorker;

	/**
	 * Start the Kafka Connect workers the peers of the settings need, in the background.
	 */
	Peers(Settings settings, Servers servers, PrintStream out) {
		this.settings = settings;
		this.servers = servers;
		this.out = out;
		this.connectors = Stream.of("cdefault", "ctuned", "ceos")
			.filter((c) -> settings.peers().contains(CONNECT_PEERS.get(c)))
			.toList();
		boolean plain = this.connectors.contains("cdefault") || this.connectors.contains("ctuned");
		boolean eos = this.connectors.contains("ceos");
		if (plain || eos) {
			log.info("Starting the Kafka Connect workers ({})", settings.appJvmOptions());
		}
		this.connectStarting = plain ? startWorker("connect", Map.of()) : null;
		this.connectEosStarting = eos ? startWorker("connect-eos", Map.of("exactly.once.source.support", "enabled"))
				: null;
	}

	private CompletableFuture<ConnectWorker> startWorker(String name, Map<String, String> workerConfig) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return ConnectWorker.start(name, workerConfig, this.servers.kafka().bootstrapServers(), BRIDGE_PRODUCER,
						Duration.ofSeconds(1), this.settings.appJvmOptions(), this.settings.workDir());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** Wait until the workers answer. */
	void awaitWorkers() {
		this.worker = (this.connectStarting != null) ? this.connectStarting.join() : null;
		this.eosWorker = (this.connectEosStarting != null) ? this.connectEosStarting.join() : null;
	}

	/**
	 * Create every peer's connector or slot, each with the configuration cdc-bridge
	 * exports for its connector, and leave them stopped, cdc-bridge paused.
	 * @return the peers, cdc-bridge first
	 */
	List<Backlog> prepare() throws Exception {
		BridgeProcess bridge = this.servers.bridge();
		List<Backlog> peers = new ArrayList<>();
		peers.add(new Backlog.Bridge(bridge, this.servers.kafka(), Servers.TOPIC));
		Map<String, String> exported = bridge.kafkaConnectConfig();
		for (String name : this.connectors) {
			Map<String, String> config = new HashMap<>(exported);
			config.put("topic.prefix", name);
			config.put("slot.name", name);
			config.put("database.password", "cdc_bridge");
			config.put("signal.kafka.groupId", "benchmark-signals-" + name);
			BRIDGE_TUNING.forEach(config::remove);
			if (!name.equals("cdefault")) {
				config.putAll(TUNED);
			}
			if (name.equals("ceos")) {
				config.putAll(EXACTLY_ONCE);
			}
			ConnectWorker on = name.equals("ceos") ? this.eosWorker : this.worker;
			this.slots.add(name);
			on.createConnector(name, config);
			on.awaitState(name, "RUNNING", Duration.ofMinutes(3));
			awaitSlotActive(name);
			on.stop(name);
			on.awaitState(name, "STOPPED", Duration.ofMinutes(2));
			peers.add(new Backlog.Connect(CONNECT_PEERS.get(name), on, this.servers.kafka(), name,
					name + ".public.users"));
		}
		if (!this.settings.peers().contains("pg_recvlogical")) {
			log.info("The pg_recvlogical peer is not run (--peers)");
		}
		else if (Files.isExecutable(this.settings.pgRecvLogical())) {
			this.servers.superuser()
				.sql("select pg_create_logical_replication_slot('bench_recv', 'pgoutput')")
				.query()
				.rowSet();
			this.slots.add("bench_recv");
			peers.add(new Backlog.RecvLogical(this.settings.pgRecvLogical(), this.servers.postgres().port(),
					this.servers.postgres().password("postgres"), "bench_recv", Servers.PUBLICATION,
					this.settings.workDir().resolve("logs/pg_recvlogical.log")));
		}
		else {
			this.out.printf("NOTE: %s is not installed, so the pg_recvlogical peer is skipped. Install it with:%n"
					+ "  apt-get install -y postgresql-client-15%n", this.settings.pgRecvLogical());
		}
		bridge.pause();
		return peers;
	}

	private void awaitSlotActive(String slot) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			Boolean active = this.servers.superuser()
				.sql("select bool_or(active) from pg_replication_slots where slot_name = ?")
				.param(slot)
				.query(Boolean.class)
				.optional()
				.orElse(null);
			if (Boolean.TRUE.equals(active)) {
				return;
			}
			TimeUnit.MILLISECONDS.sleep(100);
		}
		throw new IllegalStateException("slot " + slot + " never became active");
	}

	/**
	 * The peers are done: the workers go, their slots are dropped, and cdc-bridge streams
	 * again.
	 */
	void finish() throws IOException {
		// their connectors are stopped and their offsets are of no further use: killed,
		// they cost the rate phases
		// neither the seconds of a graceful shutdown nor its CPU
		close();
		for (String slot : this.slots) {
			try {
				this.servers.superuser()
					.sql("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ?")
					.param(slot)
					.query()
					.rowSet();
			}
			catch (RuntimeException ex) {
				log.warn("Could not drop the slot {}: {}", slot, ex.toString());
			}
		}
		this.servers.bridge().resume();
		this.servers.bridge().awaitAvailable();
	}

	/**
	 * Kill the workers (SIGKILL). One still starting (the run failed meanwhile) is waited
	 * for: left to start, it would outlive the benchmark.
	 */
	@Override
	public void close() {
		for (CompletableFuture<ConnectWorker> starting : Arrays.asList(this.connectStarting, this.connectEosStarting)) {
			if (starting == null) {
				continue;
			}
			try {
				starting.join().kill();
			}
			catch (RuntimeException ex) {
				// it did not start, and stopped itself
			}
		}
	}

}
