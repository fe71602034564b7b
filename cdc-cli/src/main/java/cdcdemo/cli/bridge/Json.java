package cdcdemo.cli.bridge;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the CLI. It ignores fields it does not know, so that a newer
 * bridge adding fields to its answers does not break an older CLI.
 */
public final class Json {

	public static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private Json() {
	}

}
