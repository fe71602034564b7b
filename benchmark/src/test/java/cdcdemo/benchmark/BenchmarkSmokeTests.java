package cdcdemo.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cdcdemo.benchmark.run.Benchmark;
import cdcdemo.benchmark.run.Settings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark in its tiny size, end to end (PostgreSQL, a Kafka broker, cdc-bridge's executable jar, a Kafka
 * Connect worker, pg_recvlogical when installed): it must finish and print every figure. The figures themselves are
 * not asserted: at this size they mean nothing.
 */
@Tag("system")
class BenchmarkSmokeTests {

	@Test
	void printsEveryFigure() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		int exit = new Benchmark(Settings.parse("--tiny"), new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
		String report = buffer.toString(StandardCharsets.UTF_8);

		assertThat(exit).as(report).isZero();
		assertThat(report).contains("machine: ", "load average at start", "== Backlog drain",
				"cdc-bridge / connect-default", "cdc-bridge / connect-tuned", "CPU seconds per million events while draining",
				"commit->consumer", "commit->bridge", "bridge->Kafka", "Kafka->consumer", "step-up",
				"max single-row inserts", "cdc-bridge  postgres   kafka  load+read", "heap MiB", "RSS MiB", "wire B/evt",
				"payload B/evt", "live data after GC", "VmHWM", "== Targets", "sustained with lag flat");
		assertThat(report).containsAnyOf("cdc-bridge / pg_recvlogical", "apt-get install -y postgresql-client-15");
		assertThat(report).doesNotContain("FAILED");
	}

}
