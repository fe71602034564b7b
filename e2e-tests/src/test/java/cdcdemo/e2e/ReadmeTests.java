package cdcdemo.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import cdcdemo.testsupport.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is the tutorial, so it must not drift from the code. Every command in its
 * shell blocks is exercised: each {@code $ curl} and {@code $ ./cdc} (the CLI) of a
 * {@code console} block runs here, in order, against the running platform (the README's
 * ports and files mapped to the test platform's), and its output must have the shape the
 * README shows; a {@code $ echo $?} after a command says the exit code it must end with
 * (any other command must succeed); every command of a {@code bash} block is run by
 * {@code .ci/run} (checked literally) or, for {@code docker compose}, validated by
 * {@link ComposeFileTests}. Every image the README shows exists.
 */
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class ReadmeTests {

	private static final Path README = Path.of("../README.md");

	/** How the tutorial's CLI and curl examples log in. */
	private static final String LOGIN_EXPORT = "export CDC_USER=admin CDC_PASSWORD=$(sed -n 's/^platform.admin=//p' .platform-data/secrets.properties)";

	/** The tutorial's step 7 continues here; its curl examples run too. */
	private static final Path DOMAIN_STATS_README = Path.of("../domain-stats/README.md");

	private static final Path CI = Path.of("../.ci/run");

	private static final Pattern IMAGE = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)");

	/**
	 * Commands checked another way than by running them here or in {@code .ci/run}, and
	 * how.
	 */
	private static final Map<String, String> CHECKED_ELSEWHERE = Map.of("docker compose up --build",
			"ComposeFileTests checks the compose file against what every app reads, without a Docker engine",
			"./mvnw -B -T 2 verify -Dscreenshots.dir=$PWD/docs/screenshots",
			".ci/run runs the test command; the property only moves the browser tests' screenshots (Browser reads it)",
			"./mvnw -B -pl fault-tests -am verify -Dfaults.changes=10000",
			"the same fault tests run in the test command with 1,000 changes; this size took too long for CI",
			"java -jar benchmark/target/benchmark-exec.jar",
			"BenchmarkSmokeTests runs the same benchmark, --tiny, in the test command; a full run takes 7 to 9 minutes");

	/** The command that shows the exit code of the one before it. */
	private static final String EXIT_CODE = "echo $?";

	/** The checkout, where {@code ./cdc} runs. */
	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	/** The ports the README names: the embedded platform's defaults. */
	private static final Map<String, Integer> DEFAULT_PORTS = Map.of("users-app", 8080, "kafka-consumer", 8081,
			"onboarding-service", 8082, "cdc-bridge", 8083, "domain-stats", 8084);

	@Test
	void everyShellCommandIsRunByCiOrCheckedElsewhere() throws IOException {
		String ci = Files.readString(CI);
		List<String> commands = Markdown.blocks(README, "bash")
			.stream()
			.flatMap((block) -> Markdown.commandLines(block).stream())
			.toList();
		assertThat(commands).as("the README's bash commands").isNotEmpty();
		for (String command : commands) {
			if (!CHECKED_ELSEWHERE.containsKey(command)) {
				assertThat(ci).as("`%s` is in the README; .ci/run must run it", command).contains(command);
			}
		}
		for (String block : Markdown.blocks(README, "console")) {
			assertThat(Markdown.consoleExamples(block))
				.as("console examples are curl or ./cdc commands (or echo $? after one) run by this test")
				.allMatch((example) -> example.command().startsWith("curl ") || example.command().startsWith("./cdc ")
						|| example.command().equals(EXIT_CODE));
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
	void theReadmeCommandsWorkOnThePlatform(RunningPlatform platform) throws Exception {
		RequiredTools.require("curl and jq, as the README uses them (.ci/run installs them)", Path.of("/usr/bin/curl"),
				Path.of("/usr/bin/jq"));
		String email = "readme-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		new UsersAppClient(platform.url("users-app")).submit("/users/new", "#user-form",
				Map.of("firstName", "Ada", "lastName", "Reader", "email", email, "password", "tutorial-password"));
		Map<String, String> replacements = new LinkedHashMap<>();
		for (String module : platform.modules()) {
			replacements.put("localhost:" + DEFAULT_PORTS.get(module), platform.url(module).replace("http://", ""));
		}
		replacements.put("localhost:8025", platform.mailPageUrl().replace("http://", ""));
		replacements.put("127.0.0.1:15432", "127.0.0.1:" + platform.postgresPort());
		replacements.put(".platform-data/secrets.properties", platform.secretsFile().toString());
		// the login the README exports, read from the secrets file as its sed line does
		assertThat(Files.readString(README)).contains(LOGIN_EXPORT);
		Result password = bash("sed -n 's/^platform.admin=//p' " + platform.secretsFile(), Map.of());
		assertThat(password.output().strip()).isEqualTo(platform.adminPassword());
		Map<String, String> environment = Map.of("CDC_BRIDGE_URL", platform.url("cdc-bridge"),
				"KAFKA_BOOTSTRAP_SERVERS", platform.kafkaBootstrapServers(), "CDC_USER", "admin", "CDC_PASSWORD",
				password.output().strip());

		int run = 0;
		int cli = 0;
		List<Markdown.ConsoleExample> examples = new ArrayList<>();
		for (String block : Markdown.blocks(README, "console")) {
			examples.addAll(Markdown.consoleExamples(block));
		}
		for (String block : Markdown.blocks(DOMAIN_STATS_README, "console")) {
			examples.addAll(Markdown.consoleExamples(block));
		}
		Result last = null;
		for (int i = 0; i < examples.size(); i++) {
			Markdown.ConsoleExample example = examples.get(i);
			if (example.command().equals(EXIT_CODE)) {
				assertThat(last).as("`echo $?` follows a command").isNotNull();
				assertThat(last.exitCode()).as("exit code of `%s`; it printed: %s", last.command(), last.output())
					.isEqualTo(Integer.parseInt(example.shown().strip()));
				continue;
			}
			String command = example.command();
			for (Map.Entry<String, String> replacement : replacements.entrySet()) {
				command = command.replace(replacement.getKey(), replacement.getValue());
			}
			boolean showsAnError = example.shown().contains("\"field\"");
			if (command.startsWith("curl ") && !showsAnError) {
				command = command.replaceFirst("^curl ", "curl --fail-with-body ");
			}
			if (command.startsWith("./cdc ")) {
				cli++;
			}
			last = bash(command, environment);
			boolean exitCodeShown = i + 1 < examples.size() && examples.get(i + 1).command().equals(EXIT_CODE);
			if (!exitCodeShown) {
				assertThat(last.exitCode()).as("`%s` exit code; it printed: %s", command, last.output()).isZero();
			}
			assertThat(last.output()).as("output of `%s`", command).isNotBlank();
			assertSameShape(example.command(), example.shown(), last.output());
			run++;
		}
		assertThat(run).as("curl and ./cdc examples run").isGreaterThan(5);
		assertThat(cli).as("./cdc examples run").isGreaterThan(5);
	}

	/**
	 * What a command printed has the shape of what the README shows: see
	 * {@link OutputShape} (JSON at every level, tables by header, columns and column
	 * kinds; values may differ).
	 */
	private static void assertSameShape(String command, String shown, String actual) {
		assertThat(OutputShape.differences(shown, actual))
			.as("`%s` printed%n%s%nunlike the README's%n%s", command, actual, shown)
			.isEmpty();
	}

	private static Result bash(String command, Map<String, String> environment)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command)
			.directory(ROOT.toFile())
			.redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("`%s` finished", command).isTrue();
		return new Result(command, process.exitValue(), output);
	}

	private record Result(String command, int exitCode, String output) {
	}

}
