package cdcdemo.benchmark;

import java.util.Arrays;

import cdcdemo.benchmark.processes.ConnectWorker;
import cdcdemo.benchmark.processes.KafkaBroker;
import cdcdemo.benchmark.run.Benchmark;
import cdcdemo.benchmark.run.Settings;

/**
 * The benchmark command:
 * {@code java -jar benchmark/target/benchmark-exec.jar [--quick|--tiny] [--option=value...]}.
 * The same jar is also the Kafka broker's and the Kafka Connect worker's process, so that
 * each is measured on its own: {@code kafka-broker} and {@code connect-worker} as first
 * argument select those roles.
 */
public final class BenchmarkApplication {

	private BenchmarkApplication() {
	}

	public static void main(String[] args) throws Exception {
		String role = (args.length > 0) ? args[0] : "";
		String[] rest = (args.length > 0) ? Arrays.copyOfRange(args, 1, args.length) : args;
		switch (role) {
			case KafkaBroker.ROLE -> KafkaBroker.serve(rest);
			case ConnectWorker.ROLE -> ConnectWorker.serve(rest);
			default -> System.exit(new Benchmark(Settings.parse(args), System.out).run());
		}
	}

}
