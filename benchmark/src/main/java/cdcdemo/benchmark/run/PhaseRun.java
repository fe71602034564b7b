package cdcdemo.benchmark.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.benchmark.load.LoadGenerator;
import cdcdemo.benchmark.measure.ChangeEventReader;

/**
 * One phase of load on cdc-bridge and what it measures: the lag sampled every 250 ms
 * while the load runs, the catch-up after it, each event's latency as the consumer read
 * it, CPU per event of every process, and the bridge's memory. A phase starts only when
 * the consumer has caught up with the previous one.
 */
final class PhaseRun {

	private static final Logger log = LoggerFactory.getLogger(PhaseRun.class);

	private final Servers servers;

	private final ChangeEventReader reader;

	private final int seconds;

	/**
	 * Change events read minus row changes committed when the reader started: caught up
	 * is back at this.
	 */
	private final long eventsBase;

	PhaseRun(Servers servers, ChangeEventReader reader, int seconds) {
		this.servers = servers;
		this.reader = reader;
		this.seconds = seconds;
		this.eventsBase = reader.events() - servers.load().committed();
	}

	/**
	 * Run a phase.
	 * @param kind what the report calls it
	 * @param target row changes per second (open loop, mixed), or -1 for single-row
	 * inserts as fast as they go
	 */
	Phase run(String kind, double target) throws Exception {
		LoadGenerator load = this.servers.load();
		BridgeMemory memory = this.servers.memory();
		awaitCaughtUp(Duration.ofMinutes(2));
		log.info("Phase {} at {} row changes/s for {} s", kind, (target > 0) ? (long) target : "max", this.seconds);
		long committed0 = load.committed();
		long events0 = this.reader.events();
		long payload0 = this.reader.payloadBytes();
		long logBytes0 = this.servers.kafka().logBytes(Servers.TOPIC);
		Map<String, Double> cpu0 = this.servers.allCpu();
		memory.mark();
		this.reader.reset();
		Duration duration = Duration.ofSeconds(this.seconds);
		CompletableFuture<LoadGenerator.Result> running = CompletableFuture.supplyAsync(() -> {
			try {
				return (target > 0) ? load.openLoop(target, duration) : load.closedLoopInserts(duration);
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
					(load.committed() - committed0) - (this.reader.events() - events0) });
		}
		LoadGenerator.Result result = running.get();
		long stopped = System.nanoTime();
		boolean caughtUp = awaitCaughtUp(Duration.ofSeconds(60));
		Duration catchUp = Duration.ofNanos(System.nanoTime() - stopped);
		Map<String, Double> cpu1 = this.servers.allCpu();
		long live = memory.sampleLiveData(this.servers.bridge());
		long events = this.reader.events() - events0;
		Map<String, Double> cpuPerMillion = new LinkedHashMap<>();
		cpu1.forEach((k, v) -> cpuPerMillion.put(k, (v - cpu0.get(k)) / Math.max(1, events) * 1e6));
		double slope = slopeOfSecondHalf(lag);
		double achieved = result.rate();
		double reference = (target > 0) ? target : achieved;
		boolean flat = caughtUp && catchUp.toMillis() < 5000 && slope < Math.max(0.02 * reference, 20);
		return new Phase(kind, target, achieved, result.events(), events, flat, slope, catchUp, this.reader.latencies(),
				cpuPerMillion, memory.heapSinceMark(), live, memory.rssSinceMark(),
				(double) (this.servers.kafka().logBytes(Servers.TOPIC) - logBytes0) / Math.max(1, events),
				(double) (this.reader.payloadBytes() - payload0) / Math.max(1, events));
	}

	/**
	 * Least-squares slope of lag over time in the second half of the samples, in row
	 * changes per second.
	 */
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

	private boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.reader.events() - this.eventsBase >= this.servers.load().committed()) {
				return true;
			}
			TimeUnit.MILLISECONDS.sleep(20);
		}
		return false;
	}

}
