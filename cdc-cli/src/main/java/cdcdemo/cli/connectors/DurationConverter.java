package cdcdemo.cli.connectors;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations the way people and the bridge's API write them: {@code 90s}, {@code 5m},
 * {@code 1h}, {@code 500ms}.
 */
class DurationConverter implements ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		String text = value.strip().toLowerCase();
		if (text.startsWith("-")) {
			throw new TypeConversionException("'" + value + "' is negative; write a duration like 90s, 5m or 1h");
		}
		try {
			if (text.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
			}
			long amount = Long.parseLong(text.substring(0, text.length() - 1));
			return switch (text.charAt(text.length() - 1)) {
				case 's' -> Duration.ofSeconds(amount);
				case 'm' -> Duration.ofMinutes(amount);
				case 'h' -> Duration.ofHours(amount);
				default -> Duration.parse(value);
			};
		}
		catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException ex) {
			throw new TypeConversionException("'" + value + "' is not a duration; write it like 90s, 5m or 1h");
		}
	}

}
