package cdcdemo.messages.list;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the {@link TopicReader}'s poll loop, from {@link TopicReader#start()} to
 * {@link TopicReader#stop()}, on the reader's thread: it looks for partitions every
 * {@code messages.discovery-interval} (or soon after a topic is watched), waits while
 * there are none, and polls otherwise. A failed poll is logged and tried again; only
 * {@link #stop()} ends the loop.
 */
class PollLoop {

	private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

	private final KafkaConsumer<String, String> consumer;

	private final MessagesProperties properties;

	private final PartitionAssignment assignment;

	private final LivePublisher publisher;

	private final CountDownLatch stopping = new CountDownLatch(1);

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean running = true;

	private volatile boolean discoverSoon;

	PollLoop(KafkaConsumer<String, String> consumer, MessagesProperties properties, PartitionAssignment assignment,
			LivePublisher publisher) {
		this.consumer = consumer;
		this.properties = properties;
		this.assignment = assignment;
		this.publisher = publisher;
	}

	void discoverSoon() {
		this.discoverSoon = true;
	}

	void loop() {
		Duration interval = this.properties.discoveryInterval();
		long nextDiscovery = System.nanoTime();
		try {
			while (this.running) {
				if (this.discoverSoon || System.nanoTime() - nextDiscovery >= 0) {
					this.discoverSoon = false;
					this.assignment.discoverPartitions();
					nextDiscovery = System.nanoTime() + interval.toNanos();
				}
				if (this.assignment.isEmpty()) {
					this.stopping.await(interval.toMillis(), TimeUnit.MILLISECONDS);
				}
				else {
					poll();
				}
			}
		}
		catch (WakeupException ex) {
			// stop() woke the consumer up
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			close();
		}
	}

	private void poll() {
		try {
			for (ConsumerRecord<String, String> record : this.consumer.poll(this.properties.pollTimeout())) {
				this.publisher.publish(record);
			}
			this.assignment.readUpToPositions();
		}
		catch (WakeupException ex) {
			throw ex;
		}
		catch (KafkaException ex) {
			log.warn("Polling {} failed, trying again: {}", this.assignment.assigned(), ex.getMessage());
		}
	}

	private void close() {
		try {
			this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
		}
		catch (RuntimeException ex) {
			log.warn("Closing the consumer failed: {}", ex.getMessage());
		}
		finally {
			this.stopped.countDown();
		}
	}

	void stop() {
		this.running = false;
		this.stopping.countDown();
		this.consumer.wakeup();
		try {
			if (!this.stopped.await(10, TimeUnit.SECONDS)) {
				log.warn("The reader thread did not stop within 10 seconds");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
