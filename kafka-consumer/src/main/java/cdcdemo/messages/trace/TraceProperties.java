package cdcdemo.messages.trace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the reactions are and how many the message list keeps.
 *
 * @param topic the reactions topic the consumers write ({@code platform.reactions.topic}
 * in theirs)
 * @param maxEvents how many change events' reactions are kept in memory, the newest; a
 * trace of an older event shows its commit, bridge and Kafka hops only
 */
@ConfigurationProperties("messages.trace")
record TraceProperties(@DefaultValue("platform.reactions") String topic, @DefaultValue("100000") int maxEvents) {

	TraceProperties {
		if (maxEvents < 1) {
			throw new IllegalArgumentException("messages.trace.max-events must be at least 1, not " + maxEvents);
		}
	}

}
