package cdcdemo.benchmark.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import cdcdemo.benchmark.measure.CpuTime;

/**
 * Samples cdc-bridge's heap (actuator) and resident set once a second, for the whole run.
 */
final class BridgeMemory implements AutoCloseable {

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

	/**
	 * The live set after the last GC: read at the end of each phase only, as each request
	 * costs the bridge CPU.
	 */
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
