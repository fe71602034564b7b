package cdcdemo.benchmark.run;

import java.time.Duration;
import java.util.Map;

import cdcdemo.benchmark.measure.ChangeEventReader;

/**
 * What one phase of load on cdc-bridge measured ({@link PhaseRun}).
 *
 * @param kind mixed, step-up or max single-row inserts
 * @param target row changes per second asked for, -1 for as fast as PostgreSQL takes them
 * @param achieved row changes per second the load generator committed
 * @param committed row changes committed
 * @param events change events the consumer read
 * @param flat whether the lag stayed flat and the consumer caught up soon after
 * @param lagSlope the lag's slope over the phase's second half, per second
 * @param catchUp from the end of the load until the consumer had caught up
 * @param latencies per event, commit to consumer and its parts
 * @param cpuPerMillion CPU seconds per million events, per process
 * @param maxHeap cdc-bridge's heap used, max over the phase
 * @param liveAfterGc cdc-bridge's live data after GC at the phase's end
 * @param maxRss cdc-bridge's resident set, max over the phase
 * @param logBytesPerEvent growth of the topic's log per event
 * @param payloadBytesPerEvent key and value bytes per event
 */
record Phase(String kind, double target, double achieved, long committed, long events, boolean flat, double lagSlope,
		Duration catchUp, ChangeEventReader.Latencies latencies, Map<String, Double> cpuPerMillion, long maxHeap,
		long liveAfterGc, long maxRss, double logBytesPerEvent, double payloadBytesPerEvent) {

	/**
	 * Whether the pipeline kept up at the phase's rate, and the load generator reached
	 * it.
	 */
	boolean held() {
		return this.flat && this.achieved >= 0.9 * this.target;
	}

}
