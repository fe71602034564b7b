package cdcdemo.messages.masking;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which fields hold values only an admin sees in clear.
 *
 * @param maskedFields the names of the columns and JSON fields, at any depth, whose
 * values are masked for a viewer and an operator ({@code MASKED_FIELDS}, comma-separated)
 */
@ConfigurationProperties("messages")
record MaskingProperties(@DefaultValue("email") List<String> maskedFields) {

	MaskingProperties {
		maskedFields = maskedFields.stream().map(String::trim).filter((field) -> !field.isEmpty()).distinct().toList();
	}

}
