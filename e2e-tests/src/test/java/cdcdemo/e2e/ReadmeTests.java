package cdcdemo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is the tutorial, so it must not drift from the code. Every command in its shell blocks is exercised:
 * each {@code $ curl} of a {@code console} block runs here, in order, against the running platform (the README's
 * ports mapped to the test platform's), and its output must have the shape the README shows; every command of a
 * {@code bash} block is run by {@code .ci/run} (checked literally) or, for {@code docker compose}, validated by
 * {@link ComposeFileTests}. Every image the README shows exists.
 */
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class ReadmeTests {

	private static final Path README = Path.of("../README.md");

	/** The tutorial's step 7 continues here; its curl examples run too. */
	private static final Path DOMAIN_STATS_README = Path.of("../domain-stats/README.md");

	private static final Path CI = Path.of("../.ci/run");

	private static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");

	private static final Pattern IMAGE = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)");

	/** Commands checked another way than by running them here or in {@code .ci/run}, and how. */
	private static final Map<String, String> CHECKED_ELSEWHERE = Map.of("docker compose up --build",
			"ComposeFileTests checks the compose file against what every app reads, without a Docker engine",
			"./mvnw -B verify -Dscreenshots.dir=$PWD/docs/screenshots",
			".ci/run runs the test command; the property only moves the browser tests' screenshots (Browser reads it)",
			"./mvnw -B -pl fault-tests -am verify -Dfaults.changes=10000",
			"the same fault tests run in the test command with 1,000 changes; this size took too long for CI",
			"java -jar benchmark/target/benchmark-exec.jar",
			"BenchmarkSmokeTests runs the same benchmark, --tiny, in the test command; a full run takes 7 to 9 minutes");

	/** The ports the README names: the embedded platform's defaults. */
	private static final Map<String, Integer> DEFAULT_PORTS = Map.of("users-app", 8080, "kafka-consumer", 8081,
			"onboarding-service", 8082, "cdc-bridge", 8083, "domain-stats", 8084);

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyShellCommandIsRunByCiOrCheckedElsewhere() throws IOException {
		String ci = Files.readString(CI);
		List<String> commands = blocks(README, "bash").stream().flatMap((block) -> commandLines(block).stream()).toList();
		assertThat(commands).as("the README's bash commands").isNotEmpty();
		for (String command : commands) {
			if (!CHECKED_ELSEWHERE.containsKey(command)) {
				assertThat(ci).as("`%s` is in the README; .ci/run must run it", command).contains(command);
			}
		}
		for (String block : blocks(README, "console")) {
			assertThat(consoleCommands(block).keySet()).as("console examples are curl commands run by this test")
				.allMatch((command) -> command.startsWith("curl "));
		}
	}

	@Test
	void everyImageOfTheReadmeExists() throws IOException {
		Matcher images = IMAGE.matcher(Files.readString(README));
		List<String> missing = new ArrayList<>();
		int count = 0;
		while (images.find()) {
			count++;
			if (!Files.isRegularFile(README.resolveSibling(images.group(1)))) {
				missing.add(images.group(1));
			}
		}
		assertThat(count).isPositive();
		assertThat(missing).as("images the README shows").isEmpty();
	}

	@Test
	void theReadmeCurlCommandsWorkOnThePlatform(RunningPlatform platform) throws Exception {
		RequiredTools.require("curl and jq, as the README uses them (.ci/run installs them)", Path.of("/usr/bin/curl"),
				Path.of("/usr/bin/jq"));
		String email = "readme-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		new UsersAppClient(platform.url("users-app")).submit("/users/new", "#user-form",
				Map.of("firstName", "Ada", "lastName", "Reader", "email", email, "password", "tutorial-password"));
		Map<String, String> ports = new LinkedHashMap<>();
		for (String module : platform.modules()) {
			ports.put("localhost:" + DEFAULT_PORTS.get(module), platform.url(module).replace("http://", ""));
		}
		ports.put("localhost:8025", platform.mailPageUrl().replace("http://", ""));
		ports.put("127.0.0.1:15432", "127.0.0.1:" + platform.postgresPort());

		int run = 0;
		List<String> examples = new ArrayList<>(blocks(README, "console"));
		examples.addAll(blocks(DOMAIN_STATS_README, "console"));
		for (String block : examples) {
			for (Map.Entry<String, String> example : consoleCommands(block).entrySet()) {
				String command = example.getKey();
				for (Map.Entry<String, String> port : ports.entrySet()) {
					command = command.replace(port.getKey(), port.getValue());
				}
				boolean showsAnError = example.getValue().contains("\"field\"");
				if (!showsAnError) {
					command = command.replaceFirst("^curl ", "curl --fail-with-body ");
				}
				String output = bash(command);
				assertThat(output).as("output of `%s`", command).isNotBlank();
				assertSameShape(example.getKey(), example.getValue(), output);
				run++;
			}
		}
		assertThat(run).as("curl examples run").isGreaterThan(5);
	}

	/**
	 * What a command printed has the shape of what the README shows, if that is JSON: the same field names at every
	 * level, the same JSON types (string, number, boolean, object, array, null), and every element of an array of the
	 * shape of the README's elements (of which there must then be at least one). Values may differ.
	 */
	private void assertSameShape(String command, String shown, String actual) {
		JsonNode expected = jsonOrNull(shown);
		if (expected == null) {
			return;
		}
		JsonNode got = jsonOrNull(actual);
		assertThat(got).as("`%s` printed %s", command, actual).isNotNull();
		List<String> differences = new ArrayList<>();
		compareShapes("$", expected, got, differences);
		assertThat(differences).as("`%s` printed %s, unlike the README's%n%s", command, actual, shown).isEmpty();
	}

	private static void compareShapes(String path, JsonNode expected, JsonNode actual, List<String> differences) {
		if (!type(expected).equals(type(actual))) {
			differences.add(path + ": the README shows " + type(expected) + ", got " + type(actual));
			return;
		}
		if (expected.isObject()) {
			Set<String> shownNames = new TreeSet<>(expected.propertyNames());
			Set<String> gotNames = new TreeSet<>(actual.propertyNames());
			if (!shownNames.equals(gotNames)) {
				differences.add(path + ": the README shows the fields " + shownNames + ", got " + gotNames);
			}
			for (String name : shownNames) {
				if (actual.has(name)) {
					compareShapes(path + "." + name, expected.get(name), actual.get(name), differences);
				}
			}
		}
		else if (expected.isArray() && !expected.isEmpty()) {
			if (actual.isEmpty()) {
				differences.add(path + ": the README shows " + expected.size() + " element(s), got none");
			}
			JsonNode element = expected.get(0);
			for (int i = 1; i < expected.size(); i++) {
				compareShapes(path + "[" + i + "] of the README", element, expected.get(i), differences);
			}
			for (int i = 0; i < actual.size(); i++) {
				compareShapes(path + "[" + i + "]", element, actual.get(i), differences);
			}
		}
	}

	private static String type(JsonNode node) {
		if (node.isObject()) {
			return "an object";
		}
		if (node.isArray()) {
			return "an array";
		}
		if (node.isString()) {
			return "a string";
		}
		if (node.isNumber()) {
			return "a number";
		}
		if (node.isBoolean()) {
			return "a boolean";
		}
		return node.isNull() ? "null" : node.getNodeType().toString();
	}

	private JsonNode jsonOrNull(String text) {
		try {
			return this.json.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String bash(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("`%s` finished", command).isTrue();
		assertThat(process.exitValue()).as("`%s` exit code; it printed: %s", command, output).isZero();
		return output;
	}

	private static List<String> blocks(Path markdown, String language) {
		try {
			Matcher matcher = BLOCK.matcher(Files.readString(markdown));
			List<String> blocks = new ArrayList<>();
			while (matcher.find()) {
				if (matcher.group(1).equals(language)) {
					blocks.add(matcher.group(2));
				}
			}
			return blocks;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> commandLines(String block) {
		return block.replace("\\\n", " ").lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	/** The {@code $ } commands of a console block, each with the output shown under it. */
	private static Map<String, String> consoleCommands(String block) {
		Map<String, String> commands = new LinkedHashMap<>();
		String command = null;
		StringBuilder output = new StringBuilder();
		for (String line : block.replace("\\\n", " ").lines().toList()) {
			if (line.startsWith("$ ")) {
				if (command != null) {
					commands.put(command, output.toString());
				}
				command = line.substring(2).strip();
				output.setLength(0);
			}
			else {
				output.append(line).append('\n');
			}
		}
		if (command != null) {
			commands.put(command, output.toString());
		}
		return commands;
	}

}
