package cdcdemo.benchmark.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import cdcdemo.benchmark.measure.CpuTime;
import cdcdemo.benchmark.processes.ConnectWorker;
import cdcdemo.benchmark.processes.KafkaBroker;

/**
 * Something that drains a backlog of committed rows from its own replication slot: cdc-bridge, Debezium on the
 * Kafka Connect worker (default and tuned), or pg_recvlogical. Each starts stopped, drains exactly one backlog per
 * call and stops again, so that the peers take turns on the same machine.
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
	 * @param total from the start request to the last row out
	 * @param streaming from the first row out to the last, when that is known (else the total)
	 */
	record Drain(Duration total, Duration streaming) {
	}

	/** Wait until the topic holds {@code rows} more records than at {@code from}, noting when the first arrived. */
	static Drain awaitRecords(KafkaBroker kafka, String topic, long from, long rows, long startNanos)
			throws InterruptedException {
		long first = -1;
		long deadline = startNanos + TimeUnit.MINUTES.toNanos(30);
		while (System.nanoTime() < deadline) {
			long end = kafka.endOffset(topic);
			long now = System.nanoTime();
			if (first < 0 && end > from) {
				first = now;
			}
			if (end - from >= rows) {
				return new Drain(Duration.ofNanos(now - startNanos), Duration.ofNanos(now - first));
			}
			TimeUnit.MILLISECONDS.sleep(20);
		}
		throw new IllegalStateException(topic + " did not receive " + rows + " records within 30 minutes");
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
			long from = this.kafka.endOffset(this.topic);
			long start = System.nanoTime();
			this.bridge.resume();
			Drain drain = awaitRecords(this.kafka, this.topic, from, rows, start);
			this.bridge.pause();
			return drain;
		}

	}

	record Connect(String name, ConnectWorker worker, KafkaBroker kafka, String connector, String topic)
			implements Backlog {

		@Override
		public double cpu() {
			return CpuTime.ofProcess(this.worker.pid());
		}

		@Override
		public Drain drain(long rows, String endLsn) throws Exception {
			long from = this.kafka.endOffset(this.topic);
			long start = System.nanoTime();
			this.worker.resume(this.connector);
			Drain drain = awaitRecords(this.kafka, this.topic, from, rows, start);
			this.worker.stop(this.connector);
			this.worker.awaitState(this.connector, "STOPPED", Duration.ofMinutes(2));
			return drain;
		}

	}

	/**
	 * The physical limit: PostgreSQL's own client decoding the same slot type with the same plugin and publication,
	 * writing to /dev/null. Its CPU is read from this JVM's reaped children, which it is the only one of.
	 */
	record RecvLogical(Path binary, int port, String slot, String publication, Path log) implements Backlog {

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
			Process process = new ProcessBuilder(List.of(this.binary.toString(), "-d",
					"host=127.0.0.1 port=" + this.port + " dbname=users user=postgres", "-S", this.slot, "--start",
					"-o", "proto_version=1", "-o", "publication_names=" + this.publication, "-E", endLsn, "-f",
					"/dev/null", "-F", "0", "-n"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
			if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IOException("pg_recvlogical failed; see " + this.log);
			}
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			return new Drain(took, took);
		}

	}

}
