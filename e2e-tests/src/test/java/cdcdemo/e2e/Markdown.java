package cdcdemo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a README, and the examples of its {@code console} blocks:
 * each {@code $ } command with the output shown under it, in the README's order (the same
 * command may appear twice, before and after a change).
 */
final class Markdown {

	private static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");

	private Markdown() {
	}

	/** A command of a console block and the output the README shows for it. */
	record ConsoleExample(String command, String shown) {
	}

	static List<String> blocks(Path markdown, String language) {
		try {
			return blocks(Files.readString(markdown), language);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> blocks(String markdown, String language) {
		Matcher matcher = BLOCK.matcher(markdown);
		List<String> blocks = new ArrayList<>();
		while (matcher.find()) {
			if (matcher.group(1).equals(language)) {
				blocks.add(matcher.group(2));
			}
		}
		return blocks;
	}

	/** The commands of a block, one a line, continuation lines joined. */
	static List<String> commandLines(String block) {
		return block.replace("\\\n", " ").lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	/**
	 * The {@code $ } commands of a console block, each with the output shown under it.
	 */
	static List<ConsoleExample> consoleExamples(String block) {
		List<ConsoleExample> examples = new ArrayList<>();
		String command = null;
		StringBuilder output = new StringBuilder();
		for (String line : block.replace("\\\n", " ").lines().toList()) {
			if (line.startsWith("$ ")) {
				if (command != null) {
					examples.add(new ConsoleExample(command, output.toString()));
				}
				command = line.substring(2).strip();
				output.setLength(0);
			}
			else {
				output.append(line).append('\n');
			}
		}
		if (command != null) {
			examples.add(new ConsoleExample(command, output.toString()));
		}
		return examples;
	}

}
