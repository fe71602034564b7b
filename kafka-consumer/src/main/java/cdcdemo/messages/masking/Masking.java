package cdcdemo.messages.masking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cdcdemo.platformweb.security.SignedIn;

import org.springframework.stereotype.Component;

/**
 * Masks the values of the masked fields ({@code messages.masked-fields}, default
 * {@code email}) for everyone but an admin, on the server: a viewer's or an operator's
 * page, stream, API answer, export, history and dead letter never hold the clear value,
 * so the browser has nothing to reveal. Every path asks {@link #forCurrentUser()} for its
 * {@link View} and sends record data out through it only.
 * <p>
 * Masking works on Jackson trees: a property whose name is a masked field, at any depth
 * (what the page's blur covered: a column, a field of the JSON tree, a field of a key),
 * has its value replaced; so does such a field inside a string that holds a JSON object
 * or array (a {@code jsonb} column, which Debezium sends as text). A {@code null} stays
 * {@code null}, so "set to null" is still seen. Text that starts as JSON but does not
 * parse (a value cut short) cannot be masked field by field, and is withheld.
 * <p>
 * The marker is {@value #PREFIX} and the first 8 hex digits of an HMAC-SHA256 of the
 * value, under a key drawn at start. Equal values get equal markers, so a viewer still
 * sees that two rows share an address or that an update changed one, and the history of a
 * key that holds a masked field can still be followed. A plain hash would let anyone
 * confirm a guessed address by hashing it; the key never leaves this process, so the
 * marker tells nothing but equality. It changes with every start: markers are comparable
 * within one run of the app, not across restarts.
 */
@Component
public final class Masking {

	static final String PREFIX = "masked:";

	/**
	 * What replaces text that should be masked but cannot be parsed to find its fields.
	 */
	static final String WITHHELD = "(withheld: not whole JSON, so its masked fields cannot be masked)";

	private final List<String> fields;

	private final Set<String> masked;

	private final JsonMapper json;

	private final SecretKeySpec key;

	private final View clear = new View(this, false);

	private final View maskedView = new View(this, true);

	Masking(MaskingProperties properties, JsonMapper json) {
		this.fields = properties.maskedFields();
		this.masked = Set.copyOf(this.fields);
		this.json = json;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
	}

	/**
	 * Masking of the given fields, for a test or a tool.
	 * @param json the mapper to read and write JSON with
	 * @param fields the masked fields
	 * @return the masking
	 */
	public static Masking of(JsonMapper json, List<String> fields) {
		return new Masking(new MaskingProperties(fields), json);
	}

	/**
	 * @return the masked fields, as configured
	 */
	public List<String> fields() {
		return this.fields;
	}

	/**
	 * @param field a column or JSON field name
	 * @return whether its values are masked for everyone but an admin
	 */
	public boolean masks(String field) {
		return this.masked.contains(field);
	}

	/**
	 * @return what the current request's user sees: clear values for an admin, masked
	 * ones for anyone else (and for no login at all)
	 */
	public View forCurrentUser() {
		return SignedIn.current().filter(SignedIn::isAdmin).isPresent() ? this.clear : this.maskedView;
	}

	/**
	 * @return the view that shows every value as sent
	 */
	public View clear() {
		return this.clear;
	}

	/**
	 * @return the view that masks the masked fields
	 */
	public View masked() {
		return this.maskedView;
	}

	/**
	 * The tree with every masked field's value replaced; the tree itself if it holds
	 * none. A changed tree shares the unchanged parts of the original; neither is
	 * modified.
	 */
	JsonNode tree(JsonNode node) {
		if (node instanceof ObjectNode object) {
			ObjectNode copy = null;
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				JsonNode shown = field(property.getKey(), property.getValue());
				if (shown != property.getValue()) {
					copy = (copy != null) ? copy : this.json.createObjectNode().setAll(object);
					copy.set(property.getKey(), shown);
				}
			}
			return (copy != null) ? copy : node;
		}
		if (node instanceof ArrayNode array) {
			ArrayNode copy = null;
			for (int i = 0; i < array.size(); i++) {
				JsonNode shown = tree(array.get(i));
				if (shown != array.get(i)) {
					copy = (copy != null) ? copy : this.json.createArrayNode().addAll(array);
					copy.set(i, shown);
				}
			}
			return (copy != null) ? copy : node;
		}
		if (node != null && node.isString() && startsAsContainer(node.asString())) {
			JsonNode embedded = parse(node.asString());
			JsonNode shown = (embedded != null) ? tree(embedded) : null;
			return (shown != null && shown != embedded)
					? this.json.getNodeFactory().stringNode(this.json.writeValueAsString(shown)) : node;
		}
		return node;
	}

	/** The value of a property as shown: masked if the property is a masked field. */
	JsonNode field(String name, JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return value;
		}
		return masks(name) ? this.json.getNodeFactory().stringNode(marker(clearText(value))) : tree(value);
	}

	/**
	 * JSON text with its masked fields masked: the text itself if it holds none (or is
	 * not JSON at all), compact JSON if it did, {@link #WITHHELD} if it starts as JSON
	 * but cannot be parsed.
	 */
	String text(String text) {
		if (text == null) {
			return null;
		}
		JsonNode tree = parse(text);
		if (tree == null) {
			return startsAsContainer(text) ? WITHHELD : text;
		}
		JsonNode shown = tree(tree);
		return (shown != tree) ? this.json.writeValueAsString(shown) : text;
	}

	/** The clear values of the masked fields in a tree, what free text must not quote. */
	void clearValues(JsonNode node, Set<String> values) {
		if (node == null) {
			return;
		}
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				JsonNode value = property.getValue();
				if (masks(property.getKey()) && !value.isNull()) {
					values.add(clearText(value));
				}
				else {
					clearValues(value, values);
				}
			}
		}
		else if (node.isArray()) {
			node.forEach((item) -> clearValues(item, values));
		}
		else if (node.isString() && startsAsContainer(node.asString())) {
			clearValues(parse(node.asString()), values);
		}
	}

	Set<String> clearValues(String... texts) {
		Set<String> values = new LinkedHashSet<>();
		for (String text : texts) {
			if (text != null) {
				clearValues(parse(text), values);
			}
		}
		return values;
	}

	/** A value as the text its marker is computed from. */
	private String clearText(JsonNode value) {
		return value.isString() ? value.asString() : this.json.writeValueAsString(value);
	}

	String marker(String clear) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			byte[] digest = mac.doFinal(clear.getBytes(StandardCharsets.UTF_8));
			return PREFIX + HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private JsonNode parse(String text) {
		try {
			return this.json.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Whether a text opens a JSON object or array: the cheap test before parsing a string
	 * value, which is almost always plain text.
	 */
	private static boolean startsAsContainer(String text) {
		String start = text.stripLeading();
		return start.startsWith("{") || start.startsWith("[");
	}

}
