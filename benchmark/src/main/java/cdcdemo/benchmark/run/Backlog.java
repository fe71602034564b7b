package cdcdemo.benchmark.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import cdcdemo.benchmark.measure.CommittedRecords;
import cdcdemo.benchmark.measure.CpuTime;
import cdcdemo.benchmark.processes.ConnectWorker;
import cdcdemo.benchmark.processes.KafkaBroker;

/**
 * Something that drains a backlog of committed rows from its own replication slot:
 * cdc-bridge, Debezium on the Kafka Connect worker (default and tuned), or
 * pg_recvlogical. Each starts stopped, drains exactly one backlog per call and stops
 * again, so that the peers take turns on the same machine.
 */
interface Backlog {

	String name();

	/** CPU seconds of this peer's own process so far. */
	double cpu();

	/**
	 * Start, wait until the rows are all out, stop.
	 * @param rows how many row changes wait in the slot
	 * @param endLsn the WAL position of the last one
	 * @return how long it took
	 */
	Drain drain(long rows, String endLsn) throws Exception;

	/**
	 * How long a drain took.
	 *
	 * @param total from the start request to the last row out
	 * @param streaming from the first row out to the last, when that is known (else the
	 * total)
	 */
	record Drain(Duration total, Duration streaming) {
	}

	/**
	 * Start a peer and wait until a {@code read_committed} consumer, at the topic's end
	 * before the start, has read {@code rows} records of the topic.
	 */
	static Drain awaitRecords(KafkaBroker kafka, String topic, long rows, Start start) throws Exception {
		try (CommittedRecords records = new CommittedRecords(kafka.bootstrapServers(), topic)) {
			long started = System.nanoTime();
			start.run();
			CommittedRecords.Arrival arrival = records.await(rows, Duration.ofMinutes(30));
			return new Drain(Duration.ofNanos(arrival.lastNanos() - started),
					Duration.ofNanos(arrival.lastNanos() - arrival.firstNanos()));
		}
	}

	/** The start request of a peer. */
	interface Start {

		void run() throws Exception;

	}

	record Bridge(BridgeProcess bridge, KafkaBroker kafka, String topic) implements Backlog {

		@Override
		public String name() {
			return "cdc-bridge";
		}

		@Override
		public double cpu() {
			return CpuTime.ofProcess(this.bridge.pid());
		}

		@Override
		public Drain drain(long rows, String endLsn) throws Exception {
			Drain drain = awaitRecords(this.kafka, this.topic, rows, this.bridge::resume);
			this.bridge.pause();
			return drain;
		}

	}

	record Connect(String name, ConnectWorker worker, KafkaBroker kafka, String connector,
			String topic) implements Backlog {

		@Override
		public double cpu() {
			return CpuTime.ofProcess(this.worker.pid());
		}

		@Override
		public Drain drain(long rows, String endLsn) throws Exception {
			Drain drain = awaitRecords(this.kafka, this.topic, rows, () -> this.worker.resume(this.connector));
			this.worker.stop(this.connector);
			this.worker.awaitState(this.connector, "STOPPED", Duration.ofMinutes(2));
			return drain;
		}

	}

	/**
	 * The physical limit: PostgreSQL's own client decoding the same slot type with the
	 * same plugin and publication, writing to /dev/null. Its CPU is read from this JVM's
	 * reaped children, which it is the only one of.
	 */
	record RecvLogical(Path binary, int port, String password, String slot, String publication,
			Path log) implements Backlog {

		@Override
		public String name() {
			return "pg_recvlogical";
		}

		@Override
		public double cpu() {
			return CpuTime.ofReapedChildren(ProcessHandle.current().pid());
		}

		@Override
		public Drain drain(long rows, String endLsn) throws Exception {
			long start = System.nanoTime();
			ProcessBuilder builder = new ProcessBuilder(List.of(this.binary.toString(), "-d",
					"host=127.0.0.1 port=" + this.port + " dbname=users user=postgres", "-S", this.slot, "--start",
					"-o", "proto_version=1", "-o", "publication_names=" + this.publication, "-E", endLsn, "-f",
					"/dev/null", "-F", "0", "-n"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
			// the server asks every role for its password; the environment keeps it off
			// the command line
			builder.environment().put("PGPASSWORD", this.password);
			Process process = builder.start();
			if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IOException("pg_recvlogical failed; see " + this.log);
			}
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			return new Drain(took, took);
		}

	}

}
