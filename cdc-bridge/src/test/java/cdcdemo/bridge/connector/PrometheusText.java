package cdcdemo.bridge.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The samples of a Prometheus text exposition (format 0.0.4, what
 * {@code /actuator/prometheus} answers to {@code Accept: text/plain}), parsed line by
 * line as Prometheus reads them: {@code name{label="value",...} value [timestamp]}, label
 * values with their {@code \\}, {@code \"} and {@code \n} escapes, and {@code NaN},
 * {@code +Inf}, {@code -Inf}. Comment lines ({@code # HELP}, {@code # TYPE}) are skipped.
 * A regex over the whole body would find a name inside another's help text or match
 * labels in any order only by luck.
 */
final class PrometheusText {

	/**
	 * One sample.
	 *
	 * @param name the metric's name as exposed (unit and {@code _total} suffixes
	 * included)
	 * @param labels its labels
	 * @param value its value
	 */
	record Sample(String name, Map<String, String> labels, double value) {
	}

	private final List<Sample> samples;

	private PrometheusText(List<Sample> samples) {
		this.samples = samples;
	}

	static PrometheusText parse(String exposition) {
		List<Sample> samples = new ArrayList<>();
		for (String line : exposition.split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				samples.add(sample(line));
			}
		}
		return new PrometheusText(samples);
	}

	List<Sample> samples() {
		return this.samples;
	}

	/**
	 * @param name a metric's exposed name
	 * @param labels labels the sample must have (others may be there too)
	 * @return the one sample with that name and those labels
	 * @throws IllegalStateException if there are several
	 */
	Optional<Sample> find(String name, Map<String, String> labels) {
		List<Sample> found = this.samples.stream()
			.filter((sample) -> sample.name().equals(name))
			.filter((sample) -> sample.labels().entrySet().containsAll(labels.entrySet()))
			.toList();
		if (found.size() > 1) {
			throw new IllegalStateException("Several samples " + name + labels + ": " + found);
		}
		return found.stream().findFirst();
	}

	private static Sample sample(String line) {
		int at = 0;
		while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ') {
			at++;
		}
		String name = line.substring(0, at);
		Map<String, String> labels = new LinkedHashMap<>();
		if (at < line.length() && line.charAt(at) == '{') {
			at++;
			while (line.charAt(at) != '}') {
				int equals = line.indexOf('=', at);
				String label = line.substring(at, equals).strip();
				if (line.charAt(equals + 1) != '"') {
					throw new IllegalArgumentException("Unquoted value of label " + label + ": " + line);
				}
				StringBuilder value = new StringBuilder();
				at = equals + 2;
				for (char c = line.charAt(at); c != '"'; c = line.charAt(at)) {
					if (c == '\\') {
						char escaped = line.charAt(++at);
						value.append((escaped == 'n') ? '\n' : escaped);
					}
					else {
						value.append(c);
					}
					at++;
				}
				labels.put(label, value.toString());
				at++;
				if (line.charAt(at) == ',') {
					at++;
				}
			}
			at++;
		}
		String[] valueAndTimestamp = line.substring(at).strip().split(" ");
		return new Sample(name, labels, value(valueAndTimestamp[0]));
	}

	private static double value(String text) {
		return switch (text) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.parseDouble(text);
		};
	}

}
