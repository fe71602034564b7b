package cdcdemo.benchmark.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import cdcdemo.benchmark.measure.CpuTime;

/**
 * The whole run, on one machine: PostgreSQL (embedded), a Kafka broker and cdc-bridge,
 * each in a process of its own ({@link Servers}). First the peers drain the same backlogs
 * in turn ({@link Peers}, {@link BacklogRounds}: cdc-bridge, Debezium on Kafka Connect
 * with defaults, tuned, and tuned with exactly-once, pg_recvlogical), then cdc-bridge
 * alone takes the mixed workload at fixed rates, a step-up until its lag grows, and
 * PostgreSQL's top single-row insert rate ({@link RateSearch}). The figures are printed
 * at the end ({@link Report}).
 */
public final class Benchmark {

	private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

	private final Settings settings;

	private final PrintStream out;

	private final Deque<AutoCloseable> closers = new ArrayDeque<>();

	public Benchmark(Settings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	/**
	 * @return the exit code: 0 when every figure was measured
	 */
	public int run() {
		Report report = new Report(this.out, this.settings);
		report.machine();
		try {
			Files.createDirectories(this.settings.workDir());
			Servers servers = new Servers(this.settings);
			this.closers.push(servers);
			servers.startPlatform(Peers.TOPICS);
			Peers peers = null;
			if (!this.settings.peers().isEmpty()) {
				peers = new Peers(this.settings, servers, this.out);
				this.closers.push(peers);
			}
			servers.startBridge();
			if (peers != null) {
				report.drains(new BacklogRounds(this.settings, servers, peers).run());
			}
			report.rates(new RateSearch(this.settings, servers).run());
			BridgeMemory memory = servers.memory();
			report.memory(memory.maxHeap.get(), memory.maxLive.get(), memory.maxRss.get(),
					CpuTime.residentBytes(servers.bridge().pid())[1]);
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
