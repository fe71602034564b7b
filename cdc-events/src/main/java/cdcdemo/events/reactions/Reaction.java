package cdcdemo.events.reactions;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What one consumer did because of one change event, as published on the reactions topic.
 * Observability, not state: nothing may depend on a reaction arriving. Readable by
 * whoever may read the message list, so it names users by id, never by email address or
 * any other personal column.
 *
 * @param v the version of this shape, {@link #VERSION}; a reader skips a reaction whose
 * version it does not know
 * @param event the event reacted to
 * @param service the consumer that reacted ({@code spring.application.name})
 * @param kind what it did, in kebab case: one of {@link ReactionKinds} or a kind of the
 * consumer's own
 * @param at when it did it: when its transaction committed, for a consumer that has one
 * @param summary one line for people
 * @param detail more, for the kind: string keys, JSON values; empty rather than
 * {@code null}
 */
@JsonPropertyOrder({ "v", "event", "service", "kind", "at", "summary", "detail" })
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reaction(int v, EventRef event, String service, String kind, Instant at, String summary,
		Map<String, Object> detail) {

	/**
	 * The version this code writes and reads. Adding a field or a kind keeps it; renaming
	 * or removing a field, or changing what one means, raises it.
	 */
	public static final int VERSION = 1;

	public Reaction {
		detail = (detail != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(detail)) : Map.of();
	}

	/**
	 * A reaction of the current {@link #VERSION}.
	 * @param event the event reacted to
	 * @param service the consumer that reacted
	 * @param kind what it did
	 * @param at when
	 * @param summary one line for people
	 * @param detail more, for the kind
	 * @return the reaction
	 */
	public static Reaction of(EventRef event, String service, String kind, Instant at, String summary,
			Map<String, ?> detail) {
		return new Reaction(VERSION, event, service, kind, at, summary,
				(detail != null) ? new LinkedHashMap<>(detail) : null);
	}

}
