package cdcdemo.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.PropertyPlaceholderHelper;
import org.springframework.util.SystemPropertyUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks docker-compose.yml against what each app really reads, without Docker. The apps get every address through
 * {@code ${ENV_VAR:default}} placeholders in their application.yml, with defaults pointing at the embedded platform;
 * a variable compose misspells or forgets is silently ignored and the container then dials 127.0.0.1, which only
 * shows up as a hanging {@code docker compose up}. So the placeholders are read the way Spring reads them
 * ({@link PropertyPlaceholderHelper}) and compared with the compose file, .env and the files compose mounts.
 */
class ComposeFileTests {

	/** Ports only the embedded servers listen on; the compose servers listen on their usual ports. */
	private static final List<String> EMBEDDED_ONLY_PORTS = List.of("15432", "19092");

	private static final PropertyPlaceholderHelper PLACEHOLDERS = new PropertyPlaceholderHelper(
			SystemPropertyUtils.PLACEHOLDER_PREFIX, SystemPropertyUtils.PLACEHOLDER_SUFFIX,
			SystemPropertyUtils.VALUE_SEPARATOR, SystemPropertyUtils.ESCAPE_CHARACTER, true);

	private static final Path ROOT = repoRoot();

	private final Map<String, Object> services = map(loadYaml(ROOT.resolve("docker-compose.yml")).get("services"));

	private final Map<String, String> dotEnv = loadDotEnv(ROOT.resolve(".env"));

	static Stream<String> appServices() {
		Map<String, Object> services = map(loadYaml(ROOT.resolve("docker-compose.yml")).get("services"));
		return services.keySet().stream().filter((name) -> module(map(services.get(name))) != null);
	}

	@Test
	void runsTheFiveApps() {
		assertThat(appServices()).containsExactlyInAnyOrder("users-app", "kafka-consumer", "onboarding-service",
				"cdc-bridge", "domain-stats");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("appServices")
	void setsOnlyVariablesTheAppReads(String service) {
		Set<String> reads = new LinkedHashSet<>();
		appSettings(service).values().forEach((value) -> reads.addAll(placeholderNames(value)));

		assertThat(environment(service).keySet()).as("variables compose sets on %s", service).isSubsetOf(reads);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("appServices")
	void leavesNoSettingPointingAtTheEmbeddedPlatform(String service) {
		Map<String, String> environment = environment(service);
		List<String> stillEmbedded = new ArrayList<>();
		appSettings(service).forEach((key, value) -> {
			String effective = PLACEHOLDERS.replacePlaceholders(value, environment::get);
			if (pointsAtEmbeddedPlatform(effective)) {
				stillEmbedded.add(key + ": " + value + " -> " + effective);
			}
		});

		assertThat(stillEmbedded).as("settings of %s that compose leaves at the embedded platform", service)
			.isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("appServices")
	void publishesAndHealthChecksThePortTheAppListensOn(String service) {
		String portSetting = appSettings(service).get("server.port");
		assertThat(portSetting).as("server.port of %s", service).isNotNull();
		assertThat(placeholderNames(portSetting)).as("server.port of %s", service).contains("PORT");
		int port = Integer.parseInt(PLACEHOLDERS.replacePlaceholders(portSetting, environment(service)::get));

		assertThat(containerPorts(service)).as("container ports %s publishes", service).containsExactly(port);
		URI health = healthcheckUri(service);
		assertThat(health.getPort()).as("port of %s's healthcheck", service).isEqualTo(port);
		assertThat(health.getPath()).isEqualTo("/actuator/health");
	}

	@Test
	void takesEveryImageFromDotEnvOrBuildsAnAppModule() {
		this.services.forEach((name, definition) -> {
			Map<String, Object> service = map(definition);
			assertThat(service.containsKey("image")).as("%s has either an image or a build", name)
				.isNotEqualTo(service.containsKey("build"));
			if (service.containsKey("image")) {
				assertIsDotEnvVariable(name + ".image", String.valueOf(service.get("image")));
			}
			else {
				Map<String, Object> build = map(service.get("build"));
				assertThat(ROOT.resolve(String.valueOf(build.get("context"))).normalize()).isEqualTo(ROOT);
				assertThat(build.get("dockerfile")).isEqualTo("docker/Dockerfile");
				assertThat(ROOT.resolve("docker/Dockerfile")).isRegularFile();
				String module = module(service);
				assertThat(ROOT.resolve(module).resolve("pom.xml")).as("module %s of %s", module, name).isRegularFile();
				map(build.get("args")).forEach((arg, value) -> {
					if (!"MODULE".equals(arg)) {
						assertIsDotEnvVariable(name + ".build.args." + arg, String.valueOf(value));
					}
				});
			}
		});
	}

	@Test
	void dotEnvDefinesExactlyTheVariablesComposeUses() {
		Set<String> used = new LinkedHashSet<>();
		for (String value : leaves("", this.services, new LinkedHashMap<>()).values()) {
			used.addAll(placeholderNames(value));
		}

		assertThat(this.dotEnv.keySet()).containsExactlyInAnyOrderElementsOf(used);
		assertThat(this.dotEnv.values()).allSatisfy((value) -> assertThat(value).isNotBlank());
	}

	@Test
	void restartsEveryLongRunningServiceThatDiesAndLeavesOneShotSetUpAlone() {
		this.services.forEach((name, definition) -> {
			Object restart = map(definition).get("restart");
			if ("no".equals(restart)) {
				assertThat(name).as("the one-shot set-up").isEqualTo("db-setup");
				return;
			}
			assertThat(restart).as("restart policy of %s", name).isEqualTo("unless-stopped");
		});
	}

	@Test
	void waitsOnlyForServicesThatReportHealthOrForOneShotSetUpToFinish() {
		this.services.forEach((name, definition) -> {
			Object dependsOn = map(definition).get("depends_on");
			if (dependsOn == null) {
				return;
			}
			assertThat(dependsOn).as("depends_on of %s (the long form carries the condition)", name)
				.isInstanceOf(Map.class);
			map(dependsOn).forEach((dependency, how) -> {
				if ("no".equals(map(this.services.get(dependency)).get("restart"))) {
					assertThat(map(how).get("condition")).as("%s waits for the one-shot %s", name, dependency)
						.isEqualTo("service_completed_successfully");
					return;
				}
				assertThat(map(how).get("condition")).as("%s waits for %s", name, dependency)
					.isEqualTo("service_healthy");
				assertThat(this.services).as("services").containsKey(dependency);
				Map<String, Object> healthcheck = map(map(this.services.get(dependency)).get("healthcheck"));
				assertThat(healthcheck).as("healthcheck of %s", dependency).containsKey("test");
				assertThat(healthcheck.get("disable")).as("healthcheck of %s disabled", dependency)
					.isNotEqualTo(Boolean.TRUE);
			});
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("appServices")
	void waitsForEveryServerItsSettingsName(String service) {
		Set<String> named = new LinkedHashSet<>();
		environment(service).values().forEach((value) -> {
			for (String address : value.split(",")) {
				String host = host(address.trim());
				if (this.services.containsKey(host) && !host.equals(service)) {
					named.add(host);
				}
			}
		});

		assertThat(dependencies(service)).as("services %s waits for", service).containsAll(named);
	}

	@Test
	void startsCdcBridgeOnlyAfterUsersAppHasMigratedItsTablesAndTheirOwnerPublishedThem() {
		assertThat(dependencies("cdc-bridge")).contains("users-app", "db-setup", "postgres", "kafka");
		assertThat(dependencies("db-setup")).contains("users-app");
		Map<String, Object> setUp = map(this.services.get("db-setup"));
		String command = String.join(" ", list(setUp.get("command")).stream().map(String::valueOf).toList());
		String script = command.replaceAll(".*--file=/bootstrap/(\\S+).*", "$1");
		assertThat(ROOT.resolve("local-platform/src/main/resources/postgres").resolve(script))
			.as("the publication script db-setup runs").isRegularFile();
		assertThat(list(setUp.get("volumes"))).map(String::valueOf)
			.contains("./local-platform/src/main/resources/postgres:/bootstrap:ro");
	}

	@Test
	void runsPostgresWithLogicalDecodingAndTheEmbeddedPlatformsBootstrap() throws IOException {
		Map<String, Object> postgres = map(this.services.get("postgres"));
		Object command = postgres.get("command");
		String commandLine = (command instanceof List<?> words)
				? String.join(" ", words.stream().map(String::valueOf).toList()) : String.valueOf(command);
		assertThat(commandLine).contains("wal_level=logical");

		Map<String, Path> mounts = new LinkedHashMap<>();
		for (Object volume : list(postgres.get("volumes"))) {
			String[] parts = String.valueOf(volume).split(":");
			if (parts[0].startsWith(".")) {
				mounts.put(parts[1], ROOT.resolve(parts[0]).normalize());
			}
		}
		Map.Entry<String, Path> bootstrap = mounts.entrySet()
			.stream()
			.filter((mount) -> mount.getValue().endsWith(Path.of("local-platform/src/main/resources/postgres")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the embedded platform's bootstrap is not mounted: " + mounts));
		List<String> sqlFiles;
		try (Stream<Path> files = Files.list(bootstrap.getValue())) {
			sqlFiles = files.map((file) -> file.getFileName().toString())
				.filter((file) -> file.endsWith(".sql"))
				.sorted()
				.toList();
		}
		assertThat(sqlFiles).contains("01-roles.sql", "02-users-db.sql");

		Map.Entry<String, Path> initScript = mounts.entrySet()
			.stream()
			.filter((mount) -> mount.getKey().startsWith("/docker-entrypoint-initdb.d/"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no init script in /docker-entrypoint-initdb.d/: " + mounts));
		assertThat(initScript.getValue()).isRegularFile();
		String script = Files.readString(initScript.getValue());
		assertThat(script).as("init script runs every bootstrap file")
			.contains(sqlFiles.stream().map((file) -> bootstrap.getKey() + "/" + file).toList());
	}

	private void assertIsDotEnvVariable(String what, String value) {
		Set<String> names = placeholderNames(value);
		assertThat(names).as("variables in %s", what).hasSize(1);
		String name = names.iterator().next();
		assertThat(value).as(what).isEqualTo("${" + name + "}");
		assertThat(this.dotEnv).as(".env").containsKey(name);
	}

	private Map<String, String> appSettings(String service) {
		Path file = ROOT.resolve(module(map(this.services.get(service)))).resolve("src/main/resources/application.yml");
		assertThat(file).as("settings of %s", service).isRegularFile();
		Map<String, String> settings = new LinkedHashMap<>();
		try (InputStream in = Files.newInputStream(file)) {
			for (Object document : yaml().loadAll(in)) {
				leaves("", document, settings);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return settings;
	}

	private Map<String, String> environment(String service) {
		Object environment = map(this.services.get(service)).get("environment");
		Map<String, String> variables = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> entries) {
			entries.forEach((name, value) -> variables.put(String.valueOf(name), String.valueOf(value)));
		}
		else if (environment instanceof List<?> entries) {
			for (Object entry : entries) {
				String[] nameAndValue = String.valueOf(entry).split("=", 2);
				variables.put(nameAndValue[0], (nameAndValue.length > 1) ? nameAndValue[1] : "");
			}
		}
		return variables;
	}

	private List<Integer> containerPorts(String service) {
		List<Integer> ports = new ArrayList<>();
		for (Object port : list(map(this.services.get(service)).get("ports"))) {
			if (port instanceof Map<?, ?> longSyntax) {
				ports.add(Integer.valueOf(String.valueOf(longSyntax.get("target"))));
			}
			else {
				String[] parts = String.valueOf(port).split("/")[0].split(":");
				ports.add(Integer.valueOf(parts[parts.length - 1]));
			}
		}
		return ports;
	}

	private URI healthcheckUri(String service) {
		Object test = map(map(this.services.get(service)).get("healthcheck")).get("test");
		List<String> words = (test instanceof List<?> list) ? list.stream().map(String::valueOf).toList()
				: List.of(String.valueOf(test).split(" "));
		return words.stream()
			.filter((word) -> word.startsWith("http://"))
			.map(URI::create)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no HTTP healthcheck on " + service + ": " + test));
	}

	private Set<String> dependencies(String service) {
		Object dependsOn = map(this.services.get(service)).get("depends_on");
		if (dependsOn instanceof List<?> names) {
			return new LinkedHashSet<>(names.stream().map(String::valueOf).toList());
		}
		return map(dependsOn).keySet();
	}

	private static boolean pointsAtEmbeddedPlatform(String value) {
		return value.contains("127.0.0.1") || value.contains("localhost")
				|| EMBEDDED_ONLY_PORTS.stream().anyMatch((port) -> value.equals(port) || value.contains(":" + port));
	}

	/** The host of {@code jdbc:postgresql://postgres:5432/users}, {@code kafka:9092} or {@code mailpit}. */
	private static String host(String address) {
		int scheme = address.indexOf("://");
		String rest = (scheme >= 0) ? address.substring(scheme + 3) : address;
		int end = rest.length();
		for (char separator : new char[] { ':', '/' }) {
			int at = rest.indexOf(separator);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		return rest.substring(0, end);
	}

	private static Set<String> placeholderNames(String value) {
		Set<String> names = new LinkedHashSet<>();
		PLACEHOLDERS.replacePlaceholders(value, (name) -> {
			names.add(name);
			return null;
		});
		return names;
	}

	/** Flattens a YAML tree into {@code a.b[0].c -> value}, as Spring Boot names the properties. */
	private static Map<String, String> leaves(String path, Object node, Map<String, String> into) {
		if (node instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> leaves(path.isEmpty() ? key.toString() : path + "." + key, value, into));
		}
		else if (node instanceof List<?> items) {
			for (int i = 0; i < items.size(); i++) {
				leaves(path + "[" + i + "]", items.get(i), into);
			}
		}
		else if (node != null) {
			into.put(path, String.valueOf(node));
		}
		return into;
	}

	private static String module(Map<String, Object> service) {
		Object build = service.get("build");
		return (build != null) ? (String) map(map(build).get("args")).get("MODULE") : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		return (node != null) ? (Map<String, Object>) node : Map.of();
	}

	private static List<?> list(Object node) {
		return (node != null) ? (List<?>) node : List.of();
	}

	private static Map<String, Object> loadYaml(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return map(yaml().load(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Yaml yaml() {
		return new Yaml(new SafeConstructor(new LoaderOptions()));
	}

	/** Reads {@code NAME=value} lines the way compose reads .env: comments and blank lines skipped. */
	private static Map<String, String> loadDotEnv(Path file) {
		Map<String, String> variables = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(file)) {
				String trimmed = line.strip();
				int equals = trimmed.indexOf('=');
				if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0) {
					variables.put(trimmed.substring(0, equals).strip(), unquote(trimmed.substring(equals + 1).strip()));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return variables;
	}

	private static String unquote(String value) {
		boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
				|| value.startsWith("'") && value.endsWith("'"));
		return quoted ? value.substring(1, value.length() - 1) : value;
	}

	/** The repo root: the nearest directory above the working directory (e2e-tests) holding docker-compose.yml. */
	private static Path repoRoot() {
		Path start = Path.of("").toAbsolutePath();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No docker-compose.yml in " + start + " or above");
	}

}
