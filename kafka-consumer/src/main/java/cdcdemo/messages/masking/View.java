package cdcdemo.messages.masking;

import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Record data as one user may see it: every value as sent ({@link Masking#clear()}, an
 * admin's), or with the values of the masked fields masked ({@link Masking#masked()},
 * everyone else's). Each method returns its argument itself when there is nothing to
 * mask, so the clear view costs nothing.
 */
public final class View {

	/** What replaces free text that quotes a masked value. */
	static final String QUOTES_MASKED = "(withheld: it quotes a masked value)";

	private final Masking masking;

	private final boolean masks;

	View(Masking masking, boolean masks) {
		this.masking = masking;
		this.masks = masks;
	}

	/**
	 * @return whether this view shows every value as sent
	 */
	public boolean isClear() {
		return !this.masks;
	}

	/**
	 * @param tree a parsed value, key or row; may be {@code null}
	 * @return the tree as shown: the masked fields' values replaced at any depth
	 */
	public JsonNode tree(JsonNode tree) {
		return this.masks ? this.masking.tree(tree) : tree;
	}

	/**
	 * @param name the name of a column or JSON field
	 * @param value its value; may be {@code null}
	 * @return the value as shown: masked if the field is masked (unless {@code null}),
	 * with its own masked fields masked otherwise
	 */
	public JsonNode field(String name, JsonNode value) {
		return this.masks ? this.masking.field(name, value) : value;
	}

	/**
	 * @param text JSON text as sent (a value, a key, a header); may be {@code null}
	 * @return the text as shown: itself if it holds no masked field or is not JSON,
	 * compact JSON with the masked fields masked otherwise, and a note instead of text
	 * that starts as JSON but does not parse (whose fields cannot be found)
	 */
	public String text(String text) {
		return this.masks ? this.masking.text(text) : text;
	}

	/**
	 * @param name a record header's name
	 * @param value its value as text; may be {@code null}
	 * @return the value as shown: masked whole if the header is named after a masked
	 * field, as {@link #text(String)} otherwise
	 */
	public String header(String name, String value) {
		if (!this.masks || value == null) {
			return value;
		}
		return this.masking.masks(name) ? this.masking.marker(value) : this.masking.text(value);
	}

	/**
	 * Free text about a record, such as an exception message, which cannot be masked
	 * field by field.
	 * @param text the text; may be {@code null}
	 * @param sources the record's key and value, whose masked values the text must not
	 * quote
	 * @return the text, or a note instead of it if it quotes a clear masked value of the
	 * sources
	 */
	public String freeText(String text, String... sources) {
		if (!this.masks || text == null) {
			return text;
		}
		Set<String> values = this.masking.clearValues(sources);
		return values.stream().anyMatch((value) -> !value.isEmpty() && text.contains(value)) ? QUOTES_MASKED : text;
	}

}
