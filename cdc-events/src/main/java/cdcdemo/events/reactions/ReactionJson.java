package cdcdemo.events.reactions;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bytes of the reactions topic: the record key and value of a reaction, and the
 * reading of a value. Written with a mapper of its own rather than an application's, so
 * that no application's Jackson settings (a naming strategy, dates as numbers) can change
 * the contract: instants are ISO-8601 strings, fields are in the order of the records,
 * the entries of {@code detail} in the order of their keys.
 */
public final class ReactionJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private ReactionJson() {
	}

	/**
	 * @param event the event reacted to
	 * @return the record key, e.g.
	 * {@code {"topic":"monolith.public.users","partition":0,"offset":42}}
	 */
	public static String key(EventRef event) {
		return MAPPER.writeValueAsString(event.key());
	}

	/**
	 * @param reaction the reaction
	 * @return the record value
	 */
	public static String value(Reaction reaction) {
		return MAPPER.writeValueAsString(reaction);
	}

	/**
	 * @param value a record value of the reactions topic
	 * @return the reaction; fields it does not know are ignored
	 * @throws IllegalArgumentException if the value is not a reaction's JSON
	 */
	public static Reaction read(String value) {
		try {
			return MAPPER.readValue(value, Reaction.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a reaction: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * @param key a record key of the reactions topic
	 * @return the position of the event it is about
	 * @throws IllegalArgumentException if the key is not a reaction key's JSON
	 */
	public static ReactionKey readKey(String key) {
		try {
			return MAPPER.readValue(key, ReactionKey.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a reaction key: " + ex.getOriginalMessage(), ex);
		}
	}

}
