package cdcdemo.benchmark.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.benchmark.measure.ChangeEventReader;

/**
 * cdc-bridge alone under load, looking for the highest rate it sustains: a warm-up, the
 * fixed rates, a step-up by {@link Settings#stepFactor()} from the highest fixed rate
 * that held until the lag grows (and below the next fixed rate, which did not hold), and
 * last PostgreSQL's top single-row insert rate.
 */
final class RateSearch {

	private static final Logger log = LoggerFactory.getLogger(RateSearch.class);

	private final Settings settings;

	private final Servers servers;

	RateSearch(Settings settings, Servers servers) {
		this.settings = settings;
		this.servers = servers;
	}

	List<Phase> run() throws Exception {
		awaitTopicQuiet(Servers.TOPIC);
		try (ChangeEventReader reader = new ChangeEventReader(this.servers.kafka().bootstrapServers(), Servers.TOPIC)) {
			PhaseRun phases = new PhaseRun(this.servers, reader, this.settings.phaseSeconds());
			log.info("Warm-up: {} s at 1,000 row changes/s", this.settings.warmupSeconds());
			this.servers.load().openLoop(1000, Duration.ofSeconds(this.settings.warmupSeconds()));
			List<Phase> done = new ArrayList<>();
			for (int rate : this.settings.rates()) {
				done.add(phases.run("mixed", rate));
			}
			if (this.settings.stepUp()) {
				stepUp(phases, done);
			}
			done.add(phases.run("max single-row inserts", -1));
			return done;
		}
	}

	private void stepUp(PhaseRun phases, List<Phase> done) throws Exception {
		double from = done.stream()
			.filter(Phase::held)
			.mapToDouble(Phase::target)
			.max()
			.orElse(this.settings.rates().get(this.settings.rates().size() - 1));
		double ceiling = done.stream()
			.filter((p) -> p.target() > from && !p.held())
			.mapToDouble(Phase::target)
			.min()
			.orElse(Double.MAX_VALUE);
		double rate = from * this.settings.stepFactor();
		while (rate <= this.settings.maxRate() && Math.round(rate / 100) * 100 < ceiling) {
			Phase step = phases.run("step-up", Math.round(rate / 100) * 100);
			done.add(step);
			if (!step.held()) {
				break;
			}
			rate *= this.settings.stepFactor();
		}
	}

	/**
	 * Wait until the drains' last records are in, so that the reader starts at the
	 * topic's end.
	 */
	private void awaitTopicQuiet(String topic) throws InterruptedException {
		long last = -1;
		int quiet = 0;
		while (quiet < 8) {
			long end = this.servers.kafka().endOffset(topic);
			quiet = (end == last) ? quiet + 1 : 0;
			last = end;
			TimeUnit.MILLISECONDS.sleep(250);
		}
	}

}
