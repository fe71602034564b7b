package cdcdemo.benchmark.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.benchmark.load.LoadGenerator;

/**
 * The backlog rounds: each empties the table, commits the backlog, and lets every peer
 * drain it alone from its own slot, in an order that rotates from round to round, noting
 * the time and the CPU of its process and of the servers.
 */
final class BacklogRounds {

	private static final Logger log = LoggerFactory.getLogger(BacklogRounds.class);

	private final Settings settings;

	private final Servers servers;

	private final Peers peers;

	BacklogRounds(Settings settings, Servers servers, Peers peers) {
		this.settings = settings;
		this.servers = servers;
		this.peers = peers;
	}

	List<DrainRound> run() throws Exception {
		this.peers.awaitWorkers();
		try {
			List<Backlog> backlogs = this.peers.prepare();
			LoadGenerator load = this.servers.load();
			List<DrainRound> rounds = new ArrayList<>();
			for (int r = 0; r < this.settings.rounds(); r++) {
				load.truncate();
				long rows = this.settings.backlogRows();
				long t0 = System.nanoTime();
				load.insertBacklog(rows);
				String lsn = this.servers.superuser()
					.sql("select pg_current_wal_lsn()::text")
					.query(String.class)
					.single();
				log.info("Round {}: {} rows inserted in {} ms, up to {}", r + 1, rows,
						(System.nanoTime() - t0) / 1_000_000, lsn);
				List<Backlog> order = new ArrayList<>(backlogs);
				Collections.rotate(order, -r);
				Map<String, DrainResult> results = new LinkedHashMap<>();
				for (Backlog peer : order) {
					double peerCpu = peer.cpu();
					Map<String, Double> cpu0 = this.servers.serverCpu();
					Backlog.Drain drain = peer.drain(rows, lsn);
					Map<String, Double> cpu1 = this.servers.serverCpu();
					Map<String, Double> cpu = new LinkedHashMap<>();
					cpu.put(peer.name(), peer.cpu() - peerCpu);
					cpu1.forEach((k, v) -> cpu.put(k, v - cpu0.get(k)));
					results.put(peer.name(), new DrainResult(rows, drain, cpu));
					log.info("Round {}: {} drained {} rows in {} ms", r + 1, peer.name(), rows,
							drain.total().toMillis());
				}
				rounds.add(new DrainRound(r + 1, order.stream().map(Backlog::name).toList(), results));
				for (String topic : Peers.TOPICS) {
					this.servers.kafka().truncate(topic);
				}
			}
			return rounds;
		}
		finally {
			this.peers.finish();
		}
	}

	/**
	 * One peer's drain of one backlog.
	 *
	 * @param rows the backlog's rows
	 * @param drain how long it took
	 * @param cpuSeconds CPU seconds of the peer's own process (under its name), of
	 * PostgreSQL and of Kafka
	 */
	record DrainResult(long rows, Backlog.Drain drain, Map<String, Double> cpuSeconds) {

		double rate() {
			return this.rows / (this.drain.total().toNanos() / 1e9);
		}

		double streamingRate() {
			return this.rows / (this.drain.streaming().toNanos() / 1e9);
		}

	}

	/**
	 * A round: every peer's drain of the same backlog.
	 *
	 * @param round from 1
	 * @param order the order the peers drained in
	 * @param results by peer
	 */
	record DrainRound(int round, List<String> order, Map<String, DrainResult> results) {
	}

}
