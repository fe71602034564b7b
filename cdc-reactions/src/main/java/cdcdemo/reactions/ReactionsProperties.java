package cdcdemo.reactions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how an application publishes its reactions. Every application that publishes
 * must declare the topic alike (name, partitions): the first to start creates it, and a
 * later one with more partitions would add partitions, which moves the keys of new
 * reactions to other partitions than the earlier reactions to the same event.
 *
 * @param topic the reactions topic
 * @param service the name the reactions give the application; when blank,
 * {@code spring.application.name}
 * @param partitions the partitions of the topic, if this application creates it
 * @param retention how long the topic keeps a reaction, if this application creates it
 * (deleted after that, never compacted: every reaction counts, not the latest per key)
 * @param maxBlock the longest a send may wait for the broker's metadata or for room in
 * the producer's buffer: a reaction is sent on the thread that committed (the listener's,
 * the scheduler's), which must not stall for the producer's default minute while Kafka is
 * away
 */
@ConfigurationProperties("platform.reactions")
public record ReactionsProperties(@DefaultValue("platform.reactions") String topic, @DefaultValue("") String service,
		@DefaultValue("3") int partitions, @DefaultValue("7d") Duration retention,
		@DefaultValue("2s") Duration maxBlock) {
}
