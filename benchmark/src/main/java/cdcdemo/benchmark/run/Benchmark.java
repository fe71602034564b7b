package cdcdemo.benchmark.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import cdcdemo.benchmark.load.LoadGenerator;
import cdcdemo.benchmark.measure.ChangeEventReader;
import cdcdemo.benchmark.measure.CpuTime;
import cdcdemo.benchmark.processes.ConnectWorker;
import cdcdemo.benchmark.processes.KafkaBroker;
import cdcdemo.platform.postgres.PostgresServer;

/**
 * The whole run, on one machine: PostgreSQL (embedded), a Kafka broker and cdc-bridge, each in a process of its own.
 * First the peers drain the same backlogs in turn (cdc-bridge, Debezium on Kafka Connect with defaults, tuned, and
 * tuned with exactly-once, pg_recvlogical), then cdc-bridge alone takes the mixed workload at fixed rates, a step-up until its lag grows, and
 * PostgreSQL's top single-row insert rate. The figures are printed at the end ({@link Report}).
 */
public final class Benchmark {

	static final String CONNECTOR = "bench";

	static final String TOPIC = CONNECTOR + ".public.users";

	static final String PUBLICATION = "monolith_publication";

	/**
	 * The producer settings that make cdc-bridge's delivery guarantee (its application.yml), given to the Kafka
	 * Connect worker too; batching and compression are left at their defaults there, and tuned for the tuned peer.
	 */
	static final Map<String, String> BRIDGE_PRODUCER = Map.of("acks", "all", "enable.idempotence", "true", "linger.ms",
			"5");

	/**
	 * cdc-bridge's own Debezium settings (see its DebeziumSettings), left out of the default Kafka Connect peer so that
	 * it runs with Debezium's defaults.
	 */
	static final List<String> BRIDGE_TUNING = List.of("poll.interval.ms", "max.batch.size", "max.queue.size");

	/** What the tuned Kafka Connect peer changes. */
	static final Map<String, String> TUNED = Map.of("max.batch.size", "8192", "max.queue.size", "32768",
			"poll.interval.ms", "10", "producer.override.linger.ms", "20", "producer.override.batch.size", "1048576",
			"producer.override.compression.type", "lz4");

	/**
	 * What the exactly-once peer adds to the tuned one (KIP-618): it fails rather than start without exactly-once,
	 * and commits a transaction for every batch its task's {@code poll} returns (the default boundary).
	 */
	static final Map<String, String> EXACTLY_ONCE = Map.of("exactly.once.support", "required",
			"transaction.boundary", "poll");

	/** The Kafka Connect peers: connector (its slot and topic prefix), name in the report. */
	static final Map<String, String> CONNECT_PEERS = Map.of("cdefault", "connect-default", "ctuned", "connect-tuned",
			"ceos", "connect-tuned-eos");

	/** Every topic a peer writes to. */
	static final List<String> TOPICS = List.of(TOPIC, "cdefault.public.users", "ctuned.public.users",
			"ceos.public.users");

	private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

	private final Settings settings;

	private final PrintStream out;

	private final Deque<AutoCloseable> closers = new ArrayDeque<>();

	private PostgresServer postgres;

	private KafkaBroker kafka;

	private BridgeProcess bridge;

	private LoadGenerator load;

	private CompletableFuture<ConnectWorker> connectStarting;

	/** The worker of the exactly-once peer: exactly-once source support is a setting of the whole worker. */
	private CompletableFuture<ConnectWorker> connectEosStarting;

	/** Change events read minus row changes committed when the reader started: caught up is back at this. */
	private long eventsBase;

	private ChangeEventReader reader;

	private final BridgeMemory memory = new BridgeMemory();

	public Benchmark(Settings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	/** @return the exit code: 0 when every figure was measured */
	public int run() {
		Report report = new Report(this.out, this.settings);
		report.machine();
		try {
			Files.createDirectories(this.settings.workDir());
			startServers();
			if (this.settings.peers()) {
				report.drains(drainRounds());
			}
			report.rates(ratePhases());
			report.memory(this.memory.maxHeap.get(), this.memory.maxLive.get(), this.memory.maxRss.get(),
					CpuTime.residentBytes(this.bridge.pid())[1]);
			report.targets();
			return 0;
		}
		catch (Exception ex) {
			log.error("The benchmark failed", ex);
			this.out.println("FAILED: " + ex);
			return 1;
		}
		finally {
			close();
			report.end();
		}
	}

	private void startServers() throws Exception {
		Path work = this.settings.workDir();
		Path logs = work.resolve("logs");
		log.info("Starting PostgreSQL and Kafka in {}", work);
		this.postgres = PostgresServer.start(work.resolve("postgres/data"), 0);
		this.closers.push(this.postgres);
		this.kafka = KafkaBroker.start(work.resolve("kafka"), this.settings.kafkaJvmOptions(), logs);
		this.closers.push(this.kafka);
		try (Connection conn = usersApp().getConnection(); Statement statement = conn.createStatement()) {
			statement.execute(Files.readString(
					this.settings.home().resolve("users-app/src/main/resources/db/migration/V1__create_users.sql")));
		}
		this.postgres.runOwnerScript("users", "postgres/publications/monolith.sql");
		this.kafka.createTopics(TOPICS);
		if (this.settings.peers()) {
			log.info("Starting the Kafka Connect workers ({})", this.settings.appJvmOptions());
			this.connectStarting = startWorker("connect", Map.of());
			this.connectEosStarting = startWorker("connect-eos", Map.of("exactly.once.source.support", "enabled"));
		}
		String bridgeJvm = (this.settings.appJvmOptions() + " " + System.getProperty("benchmark.bridge-jvm-extra", ""))
			.trim();
		log.info("Starting cdc-bridge ({})", bridgeJvm);
		this.bridge = BridgeProcess.start(this.settings.home(), CONNECTOR, this.kafka.bootstrapServers(),
				this.postgres.port(), bridgeJvm, logs);
		this.closers.push(this.bridge);
		this.memory.start(this.bridge);
		this.closers.push(this.memory);
		this.load = new LoadGenerator(usersApp(), this.settings.loadWorkers());
	}

	private CompletableFuture<ConnectWorker> startWorker(String name, Map<String, String> workerConfig) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return ConnectWorker.start(name, workerConfig, this.kafka.bootstrapServers(), BRIDGE_PRODUCER,
						Duration.ofSeconds(1), this.settings.appJvmOptions(), this.settings.workDir());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private DataSource usersApp() {
		PGSimpleDataSource ds = new PGSimpleDataSource();
		ds.setUrl(this.postgres.jdbcUrl("users"));
		ds.setUser("users_app");
		ds.setPassword("users_app");
		return ds;
	}

	private JdbcClient superuser() {
		return JdbcClient.create(this.postgres.dataSource("users"));
	}

	// ---- backlog drains -------------------------------------------------------------------------------------

	private List<DrainRound> drainRounds() throws Exception {
		Path work = this.settings.workDir();
		ConnectWorker worker = this.connectStarting.join();
		ConnectWorker eosWorker = this.connectEosStarting.join();
		List<String> slots = new ArrayList<>(List.of("cdefault", "ctuned", "ceos"));
		try {
			List<Backlog> peers = new ArrayList<>();
			peers.add(new Backlog.Bridge(this.bridge, this.kafka, TOPIC));
			Map<String, String> exported = this.bridge.kafkaConnectConfig();
			for (String name : List.of("cdefault", "ctuned", "ceos")) {
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
				ConnectWorker on = name.equals("ceos") ? eosWorker : worker;
				on.createConnector(name, config);
				on.awaitState(name, "RUNNING", Duration.ofMinutes(3));
				awaitSlotActive(name);
				on.stop(name);
				on.awaitState(name, "STOPPED", Duration.ofMinutes(2));
				peers.add(new Backlog.Connect(CONNECT_PEERS.get(name), on, this.kafka, name, name + ".public.users"));
			}
			if (Files.isExecutable(this.settings.pgRecvLogical())) {
				superuser().sql("select pg_create_logical_replication_slot('bench_recv', 'pgoutput')").query().rowSet();
				slots.add("bench_recv");
				peers.add(new Backlog.RecvLogical(this.settings.pgRecvLogical(), this.postgres.port(), "bench_recv",
						PUBLICATION, work.resolve("logs/pg_recvlogical.log")));
			}
			else {
				this.out.printf("NOTE: %s is not installed, so the pg_recvlogical peer is skipped. Install it with:%n"
						+ "  apt-get install -y postgresql-client-15%n", this.settings.pgRecvLogical());
			}
			this.bridge.pause();

			List<DrainRound> rounds = new ArrayList<>();
			for (int r = 0; r < this.settings.rounds(); r++) {
				this.load.truncate();
				long rows = this.settings.backlogRows();
				long t0 = System.nanoTime();
				this.load.insertBacklog(rows);
				String lsn = superuser().sql("select pg_current_wal_lsn()::text").query(String.class).single();
				log.info("Round {}: {} rows inserted in {} ms, up to {}", r + 1, rows,
						(System.nanoTime() - t0) / 1_000_000, lsn);
				List<Backlog> order = new ArrayList<>(peers);
				java.util.Collections.rotate(order, -r);
				Map<String, DrainResult> results = new LinkedHashMap<>();
				for (Backlog peer : order) {
					double peerCpu = peer.cpu();
					Map<String, Double> cpu0 = serverCpu();
					Backlog.Drain drain = peer.drain(rows, lsn);
					Map<String, Double> cpu1 = serverCpu();
					Map<String, Double> cpu = new LinkedHashMap<>();
					cpu.put(peer.name(), peer.cpu() - peerCpu);
					cpu1.forEach((k, v) -> cpu.put(k, v - cpu0.get(k)));
					results.put(peer.name(), new DrainResult(rows, drain, cpu));
					log.info("Round {}: {} drained {} rows in {} ms", r + 1, peer.name(), rows,
							drain.total().toMillis());
				}
				rounds.add(new DrainRound(r + 1, order.stream().map(Backlog::name).toList(), results));
				for (String topic : TOPICS) {
					this.kafka.truncate(topic);
				}
			}
			return rounds;
		}
		finally {
			// its connectors are stopped and their offsets are of no further use: killed, it costs the rate phases
			// neither the seconds of a graceful shutdown nor its CPU
			worker.kill();
			eosWorker.kill();
			for (String slot : slots) {
				try {
					superuser()
						.sql("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ?")
						.param(slot)
						.query()
						.rowSet();
				}
				catch (RuntimeException ex) {
					log.warn("Could not drop the slot {}: {}", slot, ex.toString());
				}
			}
			this.bridge.resume();
			this.bridge.awaitAvailable();
		}
	}

	private void awaitSlotActive(String slot) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			Boolean active = superuser().sql("select bool_or(active) from pg_replication_slots where slot_name = ?")
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

	/** CPU seconds so far of PostgreSQL (postmaster and its children) and of the Kafka broker. */
	private Map<String, Double> serverCpu() throws IOException {
		Map<String, Double> cpu = new LinkedHashMap<>();
		cpu.put("postgres", CpuTime.ofTree(postmasterPid()));
		cpu.put("kafka", CpuTime.ofProcess(this.kafka.pid()));
		return cpu;
	}

	private long postmasterPid() throws IOException {
		return Long.parseLong(
				Files.readAllLines(this.settings.workDir().resolve("postgres/data/postmaster.pid")).get(0).trim());
	}

	record DrainResult(long rows, Backlog.Drain drain, Map<String, Double> cpuSeconds) {

		double rate() {
			return this.rows / (this.drain.total().toNanos() / 1e9);
		}

		double streamingRate() {
			return this.rows / (this.drain.streaming().toNanos() / 1e9);
		}

	}

	record DrainRound(int round, List<String> order, Map<String, DrainResult> results) {
	}

	// ---- fixed rates ------------------------------------------------------------------------------------------

	private List<Phase> ratePhases() throws Exception {
		awaitTopicQuiet(TOPIC);
		this.reader = new ChangeEventReader(this.kafka.bootstrapServers(), TOPIC);
		this.closers.push(this.reader);
		this.eventsBase = this.reader.events() - this.load.committed();
		log.info("Warm-up: {} s at 1,000 row changes/s", this.settings.warmupSeconds());
		this.load.openLoop(1000, Duration.ofSeconds(this.settings.warmupSeconds()));
		List<Phase> phases = new ArrayList<>();
		for (int rate : this.settings.rates()) {
			phases.add(phase("mixed", rate));
		}
		if (this.settings.stepUp()) {
			// from the highest fixed rate that held (else the last), up to the next fixed rate that did not
			double from = phases.stream()
				.filter(Benchmark::held)
				.mapToDouble(Phase::target)
				.max()
				.orElse(this.settings.rates().get(this.settings.rates().size() - 1));
			double ceiling = phases.stream()
				.filter((p) -> p.target() > from && !held(p))
				.mapToDouble(Phase::target)
				.min()
				.orElse(Double.MAX_VALUE);
			double rate = from * this.settings.stepFactor();
			while (rate <= this.settings.maxRate() && Math.round(rate / 100) * 100 < ceiling) {
				Phase step = phase("step-up", Math.round(rate / 100) * 100);
				phases.add(step);
				if (!held(step)) {
					break;
				}
				rate *= this.settings.stepFactor();
			}
		}
		phases.add(phase("max single-row inserts", -1));
		return phases;
	}

	/** Whether the pipeline kept up at the phase's rate, and the load generator reached it. */
	private static boolean held(Phase phase) {
		return phase.flat() && phase.achieved() >= 0.9 * phase.target();
	}

	private Phase phase(String kind, double target) throws Exception {
		awaitCaughtUp(Duration.ofMinutes(2));
		log.info("Phase {} at {} row changes/s for {} s", kind, (target > 0) ? (long) target : "max",
				this.settings.phaseSeconds());
		long committed0 = this.load.committed();
		long events0 = this.reader.events();
		long payload0 = this.reader.payloadBytes();
		long logBytes0 = this.kafka.logBytes(TOPIC);
		Map<String, Double> cpu0 = allCpu();
		this.memory.mark();
		this.reader.reset();
		Duration duration = Duration.ofSeconds(this.settings.phaseSeconds());
		CompletableFuture<LoadGenerator.Result> running = CompletableFuture.supplyAsync(() -> {
			try {
				return (target > 0) ? this.load.openLoop(target, duration) : this.load.closedLoopInserts(duration);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		List<double[]> lag = new ArrayList<>();
		long start = System.nanoTime();
		while (!running.isDone()) {
			TimeUnit.MILLISECONDS.sleep(250);
			lag.add(new double[] { (System.nanoTime() - start) / 1e9,
					(this.load.committed() - committed0) - (this.reader.events() - events0) });
		}
		LoadGenerator.Result result = running.get();
		long stopped = System.nanoTime();
		boolean caughtUp = awaitCaughtUp(Duration.ofSeconds(60));
		Duration catchUp = Duration.ofNanos(System.nanoTime() - stopped);
		Map<String, Double> cpu1 = allCpu();
		long live = this.memory.sampleLiveData(this.bridge);
		long events = this.reader.events() - events0;
		Map<String, Double> cpuPerMillion = new LinkedHashMap<>();
		cpu1.forEach((k, v) -> cpuPerMillion.put(k, (v - cpu0.get(k)) / Math.max(1, events) * 1e6));
		double slope = slopeOfSecondHalf(lag);
		double achieved = result.rate();
		double reference = (target > 0) ? target : achieved;
		boolean flat = caughtUp && catchUp.toMillis() < 5000 && slope < Math.max(0.02 * reference, 20);
		return new Phase(kind, target, achieved, result.events(), events, flat, slope, catchUp,
				this.reader.latencies(), cpuPerMillion, this.memory.heapSinceMark(), live, this.memory.rssSinceMark(),
				(double) (this.kafka.logBytes(TOPIC) - logBytes0) / Math.max(1, events),
				(double) (this.reader.payloadBytes() - payload0) / Math.max(1, events));
	}

	/** Least-squares slope of lag over time in the second half of the samples, in row changes per second. */
	private static double slopeOfSecondHalf(List<double[]> samples) {
		List<double[]> half = samples.subList(samples.size() / 2, samples.size());
		if (half.size() < 3) {
			return 0;
		}
		double mx = half.stream().mapToDouble((s) -> s[0]).average().orElse(0);
		double my = half.stream().mapToDouble((s) -> s[1]).average().orElse(0);
		double num = 0;
		double den = 0;
		for (double[] s : half) {
			num += (s[0] - mx) * (s[1] - my);
			den += (s[0] - mx) * (s[0] - mx);
		}
		return (den == 0) ? 0 : num / den;
	}

	private Map<String, Double> allCpu() throws IOException {
		Map<String, Double> cpu = new LinkedHashMap<>();
		cpu.put("cdc-bridge", CpuTime.ofProcess(this.bridge.pid()));
		cpu.putAll(serverCpu());
		cpu.put("benchmark", CpuTime.ofProcessAlone(ProcessHandle.current().pid()));
		return cpu;
	}

	private boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.reader.events() - this.eventsBase >= this.load.committed()) {
				return true;
			}
			TimeUnit.MILLISECONDS.sleep(20);
		}
		return false;
	}

	private void awaitTopicQuiet(String topic) throws InterruptedException {
		long last = -1;
		int quiet = 0;
		while (quiet < 8) {
			long end = this.kafka.endOffset(topic);
			quiet = (end == last) ? quiet + 1 : 0;
			last = end;
			TimeUnit.MILLISECONDS.sleep(250);
		}
	}

	record Phase(String kind, double target, double achieved, long committed, long events, boolean flat,
			double lagSlope, Duration catchUp, ChangeEventReader.Latencies latencies,
			Map<String, Double> cpuPerMillion, long maxHeap, long liveAfterGc, long maxRss, double logBytesPerEvent,
			double payloadBytesPerEvent) {
	}

	/** Samples cdc-bridge's heap (actuator) and resident set once a second, for the whole run. */
	static final class BridgeMemory implements AutoCloseable {

		private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread t = new Thread(r, "bridge-memory");
			t.setDaemon(true);
			return t;
		});

		final AtomicLong maxHeap = new AtomicLong();

		final AtomicLong maxRss = new AtomicLong();

		final AtomicLong maxLive = new AtomicLong();

		private final AtomicLong heapSinceMark = new AtomicLong();

		private final AtomicLong rssSinceMark = new AtomicLong();

		void start(BridgeProcess bridge) {
			this.timer.scheduleAtFixedRate(() -> {
				long heap = bridge.metric("jvm.memory.used?tag=area:heap");
				long rss = CpuTime.residentBytes(bridge.pid())[0];
				this.maxHeap.accumulateAndGet(heap, Math::max);
				this.maxRss.accumulateAndGet(rss, Math::max);
				this.heapSinceMark.accumulateAndGet(heap, Math::max);
				this.rssSinceMark.accumulateAndGet(rss, Math::max);
			}, 0, 1, TimeUnit.SECONDS);
		}

		/** The live set after the last GC: read at the end of each phase only, as each request costs the bridge CPU. */
		long sampleLiveData(BridgeProcess bridge) {
			long live = bridge.metric("jvm.gc.live.data.size");
			this.maxLive.accumulateAndGet(live, Math::max);
			return live;
		}

		void mark() {
			this.heapSinceMark.set(0);
			this.rssSinceMark.set(0);
		}

		long heapSinceMark() {
			return this.heapSinceMark.get();
		}

		long rssSinceMark() {
			return this.rssSinceMark.get();
		}

		@Override
		public void close() {
			this.timer.shutdownNow();
		}

	}

	private void close() {
		while (!this.closers.isEmpty()) {
			try {
				this.closers.pop().close();
			}
			catch (Exception ex) {
				log.warn("Could not stop {}", ex.toString());
			}
		}
		if (!this.settings.keep()) {
			try {
				FileSystemUtils.deleteRecursively(this.settings.workDir());
			}
			catch (IOException ex) {
				log.warn("Could not delete {}", this.settings.workDir());
			}
		}
	}

}
