package cdcdemo.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.PropertyPlaceholderHelper;
import org.springframework.util.SystemPropertyUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks docker-compose.yml against what each app really reads, without Docker. The apps
 * get every address through {@code ${ENV_VAR:default}} placeholders in their
 * application.yml, with defaults pointing at the embedded platform; a variable compose
 * misspells or forgets is silently ignored and the container then dials 127.0.0.1, which
 * only shows up as a hanging {@code docker compose up}. So the placeholders are read the
 * way Spring reads them ({@link PropertyPlaceholderHelper}) and compared with the compose
 * file, .env and the files compose mounts. No password is committed: each is a compose
 * secret, a file under the gitignored ./secrets/. Prometheus must scrape each app where
 * it listens, so its targets are compared with the same settings; what the monitoring
 * files say is checked by {@link MonitoringFilesTests}.
 */
class ComposeFileTests {

	/**
	 * Ports only the embedded servers listen on; the compose servers listen on their
	 * usual ports.
	 */
	private static final List<String> EMBEDDED_ONLY_PORTS = List.of("15432", "19092");

	private static final PropertyPlaceholderHelper PLACEHOLDERS = new PropertyPlaceholderHelper(
			SystemPropertyUtils.PLACEHOLDER_PREFIX, SystemPropertyUtils.PLACEHOLDER_SUFFIX,
			SystemPropertyUtils.VALUE_SEPARATOR, SystemPropertyUtils.ESCAPE_CHARACTER, true);

	private static final Path ROOT = repoRoot();

	private final Map<String, Object> services = map(loadYaml(ROOT.resolve("docker-compose.yml")).get("services"));

	private final Map<String, String> dotEnv = loadDotEnv(ROOT.resolve(".env"));

	/** Spring Boot's own setting, which makes /run/secrets/ a source of properties. */
	private static final String CONFIG_IMPORT = "SPRING_CONFIG_IMPORT";

	private final Map<String, String> secretFiles = secretFiles(loadYaml(ROOT.resolve("docker-compose.yml")));

	/**
	 * The module of the Kafka Connect workers' image: no Spring Boot app, so no
	 * application.yml; {@link #theScaleProfileRunsTwoWorkersOfOneConnectCluster()} checks
	 * its services.
	 */
	private static final String CONNECT_WORKER = "connect-worker";

	/**
	 * The bridge's Kafka Connect clusters, {@code cdc.connect.clusters.<name>.*}: a map
	 * property, so its variables ({@code CDC_CONNECT_CLUSTERS_SCALE_URL}) bind by relaxed
	 * binding and have no placeholder in application.yml to be checked against.
	 */
	private static final String CONNECT_CLUSTERS = "CDC_CONNECT_CLUSTERS_";

	static Stream<String> appServices() {
		Map<String, Object> services = map(loadYaml(ROOT.resolve("docker-compose.yml")).get("services"));
		return services.keySet().stream().filter((name) -> {
			String module = module(map(services.get(name)));
			return module != null && !CONNECT_WORKER.equals(module);
		});
	}

	static Stream<String> workerServices() {
		Map<String, Object> services = map(loadYaml(ROOT.resolve("docker-compose.yml")).get("services"));
		return services.keySet().stream().filter((name) -> CONNECT_WORKER.equals(module(map(services.get(name)))));
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
		reads.add(CONFIG_IMPORT);

		assertThat(environment(service).keySet()).as("variables compose sets on %s", service)
			.filteredOn((variable) -> !("cdc-bridge".equals(service) && variable.startsWith(CONNECT_CLUSTERS)))
			.isSubsetOf(reads);
		assertThat(secrets(service).values()).as("secrets compose mounts on %s", service).isSubsetOf(reads);
	}

	@Test
	void commitsNoPassword() throws IOException {
		this.services.forEach((name, definition) -> assertThat(environment(name).keySet())
			.as("variables of %s holding a password rather than naming its file: make them secrets", name)
			.noneMatch((variable) -> (variable.contains("PASSWORD") || variable.contains("SECRET"))
					&& !variable.endsWith("_FILE") && !isPasswordReference(variable, environment(name).get(variable))));
		assertThat(this.dotEnv.keySet()).as(".env").noneMatch((name) -> name.contains("PASSWORD"));
		assertThat(this.secretFiles).as("secrets").isNotEmpty();
		this.secretFiles
			.forEach((secret, file) -> assertThat(file).as("file of secret %s", secret).startsWith("./secrets/"));
		assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).as(".gitignore").contains("secrets/");
		assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).as(".dockerignore, or COPY . . bakes them in")
			.contains("secrets/");
	}

	@Test
	void theReadmesCommandCreatesEverySecretFileComposeNames(@TempDir Path checkout)
			throws IOException, InterruptedException {
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl, which the README's command uses");
		String command = Files.readAllLines(ROOT.resolve("README.md"))
			.stream()
			.filter((line) -> line.startsWith("mkdir -m 700 -p secrets"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the README does not say how to create ./secrets/"));
		assertThat(Files.readString(ROOT.resolve("docker-compose.yml"))).as("the compose file's own instructions")
			.contains("#   " + command + "\n");

		Process bash = new ProcessBuilder("bash", "-c", command).directory(checkout.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(bash.getInputStream().readAllBytes());
		assertThat(bash.waitFor()).as("exit code of `%s`: %s", command, output).isZero();

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(checkout.resolve("secrets"))))
			.isEqualTo("rwx------");
		Set<String> passwords = new LinkedHashSet<>();
		this.secretFiles.forEach((secret, file) -> {
			Path created = checkout.resolve(file).normalize();
			assertThat(created).as("file of secret %s", secret).isRegularFile();
			try {
				passwords.add(Files.readString(created).strip());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		assertThat(passwords).as("one random password a secret")
			.hasSize(this.secretFiles.size())
			.allSatisfy((password) -> assertThat(password).hasSizeGreaterThanOrEqualTo(32));
	}

	@Test
	void givesTheBridgeTheKeyThatSealsItsConnectorsPasswords() {
		assertThat(secrets("cdc-bridge")).containsEntry("cdc_bridge_key", "CDC_CONNECTOR_SECRET_KEY");
		assertThat(this.secretFiles).containsEntry("cdc_bridge_key", "./secrets/cdc_bridge.key");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("appServices")
	void givesEveryPasswordTheAppReadsAsASecretFileSpringBootImports(String service, @TempDir Path runSecrets)
			throws IOException {
		Map<String, String> passwordSettings = new LinkedHashMap<>();
		appSettings(service).forEach((key, value) -> {
			if (placeholderNames(value).stream().anyMatch((name) -> name.contains("PASSWORD"))) {
				passwordSettings.put(key, value);
			}
		});
		Map<String, String> secrets = secrets(service);
		if (passwordSettings.isEmpty()) {
			assertThat(secrets).as("secrets of %s, which reads no password", service).isEmpty();
			return;
		}
		assertThat(environment(service).get(CONFIG_IMPORT)).as("%s of %s", CONFIG_IMPORT, service)
			.isEqualTo("configtree:/run/secrets/");
		Map<String, String> environment = environment(service);
		secrets.forEach((source, target) -> {
			assertThat(this.secretFiles).as("top-level secrets").containsKey(source);
			if (!target.endsWith("DB_PASSWORD")) {
				// a role's password, paired with its user; the admin apps' login is no
				// role
				return;
			}
			String user = environment.get(target.replace("PASSWORD", "USER"));
			assertThat(source).as("the secret of %s's %s", service, target).isEqualTo(user + "_password");
		});
		// what Spring Boot's configtree: import does with /run/secrets/, on a copy: each
		// file is a property
		for (String target : secrets.values()) {
			Files.writeString(runSecrets.resolve(target), "from-the-secret-" + target + "\n");
		}
		StandardEnvironment spring = new StandardEnvironment();
		spring.getPropertySources()
			.addFirst(new ConfigTreePropertySource("secrets", runSecrets,
					ConfigTreePropertySource.Option.AUTO_TRIM_TRAILING_NEW_LINE));
		passwordSettings
			.forEach((key, value) -> assertThat(spring.resolvePlaceholders(value)).as("%s of %s", key, service)
				.startsWith("from-the-secret-"));
	}

	@Test
	void givesPostgresItsPasswordsAsSecretsAndInitShSetsEveryRolesOwn() throws IOException {
		Map<String, String> postgres = environment("postgres");
		assertThat(postgres).containsEntry("POSTGRES_PASSWORD_FILE", "/run/secrets/postgres_password");
		List<String> roles = new ArrayList<>();
		Matcher createRole = Pattern.compile("CREATE ROLE (\\w+)")
			.matcher(Files.readString(ROOT.resolve("local-platform/src/main/resources/postgres/01-roles.sql")));
		while (createRole.find()) {
			roles.add(createRole.group(1));
		}
		assertThat(roles).isNotEmpty();
		List<String> expected = new ArrayList<>(List.of("postgres_password"));
		roles.forEach((role) -> expected.add(role + "_password"));
		assertThat(secrets("postgres").keySet()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(secrets("postgres")).allSatisfy((source, target) -> assertThat(target).isEqualTo(source));

		String initScript = Files.readString(ROOT.resolve("docker/postgres/init.sh"));
		assertThat(initScript).contains("/run/secrets/${role}_password", "ALTER ROLE :\"role\" PASSWORD :'password'");
		assertThat(initScript.lines().filter((line) -> line.startsWith("for role in ")).findFirst().orElseThrow())
			.as("the roles init.sh sets a password for")
			.isEqualTo("for role in " + String.join(" ", roles) + "; do");

		assertThat(secrets("db-setup").keySet()).containsExactly("postgres_password");
		assertThat(String.join(" ",
				list(map(this.services.get("db-setup")).get("command")).stream().map(String::valueOf).toList()))
			.contains("PGPASSWORD=\"$$(cat /run/secrets/postgres_password)\"");
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

		assertThat(stillEmbedded).as("settings of %s that compose leaves at the embedded platform", service).isEmpty();
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

	/**
	 * The Dockerfile compiles the reactor once, in a stage that takes no {@code MODULE}
	 * (so its layers are the same for every image, and BuildKit builds it once), and that
	 * stage builds exactly the modules the compose file builds images of.
	 */
	@Test
	void theDockerfileBuildsEveryAppOnceInAStageThatTakesNoModule() throws IOException {
		List<String> reactor = new ArrayList<>();
		boolean inReactor = false;
		for (String line : Files.readAllLines(ROOT.resolve("docker/Dockerfile"))) {
			if (line.startsWith("FROM ")) {
				inReactor = line.endsWith(" AS reactor");
			}
			else if (inReactor) {
				reactor.add(line.strip());
			}
		}
		assertThat(reactor).as("the reactor stage").isNotEmpty().noneMatch((line) -> line.startsWith("ARG "));
		List<String> maven = reactor.stream().filter((line) -> line.startsWith("./mvnw ")).toList();
		assertThat(maven).as("the reactor stage's Maven build").hasSize(1);
		List<String> words = List.of(maven.get(0).split(" "));
		assertThat(words).contains("-am", "package");
		Set<String> built = Set.of(words.get(words.indexOf("-pl") + 1).split(","));
		Set<String> composed = new LinkedHashSet<>();
		this.services.values()
			.stream()
			.map(ComposeFileTests::map)
			.filter((service) -> service.containsKey("build"))
			.forEach((service) -> composed.add(module(service)));
		assertThat(built).as("modules the Dockerfile builds").containsExactlyInAnyOrderElementsOf(composed);
	}

	@Test
	void dotEnvDefinesExactlyTheVariablesComposeUses() {
		Set<String> used = new LinkedHashSet<>();
		for (String value : leaves("", this.services, new LinkedHashMap<>()).values()) {
			// $$ is compose's literal $ ($${env:...} is a reference for Kafka Connect)
			used.addAll(placeholderNames(value.replace("$$", "")));
		}

		assertThat(this.dotEnv.keySet()).containsExactlyInAnyOrderElementsOf(used);
		assertThat(this.dotEnv.values()).allSatisfy((value) -> assertThat(value).isNotBlank());
	}

	@Test
	void theScaleProfileRunsTwoWorkersOfOneConnectCluster() throws IOException {
		assertThat(workerServices()).containsExactly("connect-1", "connect-2");
		List<String> dockerfile = Files.readAllLines(ROOT.resolve("docker/Dockerfile"));
		int from = dockerfile.indexOf("FROM ${JRE_IMAGE} AS " + CONNECT_WORKER);
		assertThat(from).as("a %s stage on the apps' JRE image", CONNECT_WORKER).isNotNegative();
		String stage = String.join("\n",
				dockerfile.subList(from + 1, dockerfile.size())
					.stream()
					.takeWhile((line) -> !line.startsWith("FROM "))
					.toList());
		assertThat(stage).as("the Dockerfile's %s stage", CONNECT_WORKER)
			.contains("COPY --from=reactor /workspace/${MODULE}/target/lib/", "USER app",
					"curl -fsS --output /dev/null http://localhost:8083/", "cdcdemo.connect.ConnectWorker");
		workerServices().forEach((name) -> {
			Map<String, Object> service = map(this.services.get(name));
			assertThat(list(service.get("profiles"))).as("profiles of %s", name)
				.map(String::valueOf)
				.containsExactly("scale");
			assertThat(map(service.get("build")).get("target")).as("build target of %s", name)
				.isEqualTo(CONNECT_WORKER);
			Map<String, String> environment = environment(name);
			assertThat(environment).as("environment of %s", name)
				.containsEntry("CONNECT_GROUP_ID", "cdc-connect")
				.containsEntry("CONNECT_REST_ADVERTISED_HOST_NAME", name)
				.containsEntry("CONNECT_BOOTSTRAP_SERVERS", "kafka:9092");
			assertThat(dependencies(name)).as("services %s waits for", name).contains("kafka");
			URI health = healthcheckUri(name);
			assertThat(health.getPort()).as("port of %s's healthcheck", name).isEqualTo(8083);
			assertThat(health.getPath()).isEqualTo("/");
			assertThat(secrets(name)).as("secrets of %s", name)
				.containsEntry("cdc_bridge_password", "SOURCE_DB_PASSWORD");
		});
	}

	/**
	 * The workers' settings are worker.properties overridden by {@code CONNECT_*}
	 * variables, {@code CONNECT_GROUP_ID} to {@code group.id} (connect-worker's
	 * ConnectWorker maps them so): a misspelt one would be an unknown property the worker
	 * only warns about.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("workerServices")
	void setsOnlyVariablesThatAreWorkerProperties(String service) throws IOException {
		Properties defaults = new Properties();
		try (InputStream in = Files
			.newInputStream(ROOT.resolve("connect-worker/src/main/resources/worker.properties"))) {
			defaults.load(in);
		}
		Map<String, String> settings = new LinkedHashMap<>();
		defaults.stringPropertyNames().forEach((name) -> settings.put(name, defaults.getProperty(name)));
		// DistributedConfig keeps its definitions private; a parsed config has a value
		// for
		// every property it defines
		Set<String> properties = new DistributedConfig(settings).values().keySet();
		assertThat(environment(service).keySet()).as("variables compose sets on %s", service)
			.allSatisfy((variable) -> assertThat(variable).startsWith("CONNECT_"))
			.map((variable) -> variable.substring("CONNECT_".length()).toLowerCase(Locale.ROOT).replace('_', '.'))
			.isSubsetOf(properties);
	}

	/**
	 * The bridge PUTs connector configs to the scale cluster with
	 * {@code database.password} {@code ${<reference>}}: a config provider the workers
	 * have, naming the variable their image exports from the secret they mount.
	 */
	@Test
	void givesTheBridgeTheScaleClusterAndAPasswordReferenceTheWorkersResolve() throws IOException {
		Map<String, String> bridge = environment("cdc-bridge");
		List<URI> cluster = Stream.of(bridge.get(CONNECT_CLUSTERS + "SCALE_URL").split(",")).map(URI::create).toList();
		assertThat(cluster).extracting(URI::getHost)
			.as("the workers the bridge talks to, each in turn when one does not answer")
			.containsExactlyInAnyOrderElementsOf(workerServices().toList());
		assertThat(cluster).extracting(URI::getPort).containsOnly(8083);
		// without its ${}: Spring would resolve that itself
		// (cdc.connect.clusters.*.password-reference)
		String reference = bridge.get(CONNECT_CLUSTERS + "SCALE_PASSWORD_REFERENCE");
		assertThat(reference).isEqualTo("env:SOURCE_DB_PASSWORD");
		Properties defaults = new Properties();
		try (InputStream in = Files
			.newInputStream(ROOT.resolve("connect-worker/src/main/resources/worker.properties"))) {
			defaults.load(in);
		}
		assertThat(defaults.getProperty("config.providers").split(",")).contains("env");
		assertThat(defaults).containsEntry("config.providers.env.class",
				"org.apache.kafka.common.config.provider.EnvVarConfigProvider");
		workerServices().forEach((name) -> assertThat(secrets(name).values()).as("secrets %s mounts", name)
			.contains("SOURCE_DB_PASSWORD"));
		assertThat(secrets("cdc-bridge")).as("the same password as the bridge's own")
			.containsEntry("cdc_bridge_password", "SOURCE_DB_PASSWORD");
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
				// a service of a profile (the scale cluster's workers) runs only on
				// demand:
				// the app calls it when asked to, and must start without it
				if (this.services.containsKey(host) && !host.equals(service)
						&& !map(this.services.get(host)).containsKey("profiles")) {
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
			.as("the publication script db-setup runs")
			.isRegularFile();
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

	@Test
	void bindsEveryPublishedPortToLoopbackOnly() {
		this.services.forEach((name, definition) -> {
			for (Object port : list(map(definition).get("ports"))) {
				assertThat(String.valueOf(port)).as("a port %s publishes", name).startsWith("127.0.0.1:");
			}
		});
	}

	@Test
	void mountsOnlyFilesOfTheCheckout() {
		this.services.forEach((name, definition) -> {
			for (Object volume : list(map(definition).get("volumes"))) {
				String source = String.valueOf(volume).split(":")[0];
				if (source.startsWith(".")) {
					assertThat(ROOT.resolve(source).normalize()).as("what %s mounts from %s", name, volume).exists();
				}
			}
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("appServices")
	void prometheusScrapesTheAppByItsServiceNameAndPort(String service) {
		String portSetting = appSettings(service).get("server.port");
		int port = Integer.parseInt(PLACEHOLDERS.replacePlaceholders(portSetting, environment(service)::get));
		assertThat(appSettings(service).get("management.endpoints.web.exposure.include"))
			.as("the endpoints %s exposes", service)
			.contains("prometheus");
		assertThat(appSettings(service)).as("settings of %s", service)
			.containsEntry("management.metrics.tags.application", "${spring.application.name}");

		Map<String, Object> prometheus = loadYaml(mountedFile("prometheus", "/etc/prometheus/prometheus.yml"));
		List<String> targets = new ArrayList<>();
		for (Object job : list(prometheus.get("scrape_configs"))) {
			if ("/actuator/prometheus".equals(map(job).get("metrics_path"))) {
				for (Object config : list(map(job).get("static_configs"))) {
					list(map(config).get("targets")).forEach((target) -> targets.add(String.valueOf(target)));
				}
			}
		}
		assertThat(targets).as("targets Prometheus scrapes at /actuator/prometheus").contains(service + ":" + port);
	}

	@Test
	void givesGrafanaItsAdminPasswordAsASecretFile() {
		Map<String, String> secrets = secrets("grafana");
		assertThat(secrets).containsEntry("grafana_admin_password", "grafana_admin_password");
		assertThat(environment("grafana")).containsEntry("GF_SECURITY_ADMIN_PASSWORD__FILE",
				"/run/secrets/grafana_admin_password");
		assertThat(this.secretFiles).containsEntry("grafana_admin_password", "./secrets/grafana_admin.password");
	}

	@Test
	void provisionsGrafanaFromTheCheckoutAndLetsPrometheusWaitForNoApp() {
		assertThat(mountedFile("grafana", "/etc/grafana/provisioning/datasources").resolve("prometheus.yml"))
			.isRegularFile();
		Path providers = mountedFile("grafana", "/etc/grafana/provisioning/dashboards").resolve("cdc-platform.yml");
		String dashboards = String
			.valueOf(map(map(list(loadYaml(providers).get("providers")).get(0)).get("options")).get("path"));
		assertThat(mountedFile("grafana", dashboards).resolve("cdc-platform.json"))
			.as("the dashboard where the provider reads them")
			.isRegularFile();
		assertThat(environment("grafana")).containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH",
				dashboards + "/cdc-platform.json");
		assertThat(dependencies("grafana")).contains("prometheus");
		assertThat(dependencies("alertmanager")).contains("mailpit");
		assertThat(dependencies("prometheus")).as("an app that is down is what AppDown is for").isEmpty();
		assertThat(mountedFile("prometheus", "/etc/prometheus/alerts.yml")).isRegularFile();
		assertThat(mountedFile("alertmanager", "/etc/alertmanager/alertmanager.yml")).isRegularFile();
	}

	/** The file of the checkout a service mounts at a path of its container. */
	private Path mountedFile(String service, String containerPath) {
		for (Object volume : list(map(this.services.get(service)).get("volumes"))) {
			String[] parts = String.valueOf(volume).split(":");
			if (parts[0].startsWith(".") && parts[1].equals(containerPath)) {
				return ROOT.resolve(parts[0]).normalize();
			}
		}
		throw new AssertionError(service + " mounts nothing of the checkout at " + containerPath);
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

	/** The secrets a service mounts: source to file name under /run/secrets/. */
	private Map<String, String> secrets(String service) {
		Map<String, String> secrets = new LinkedHashMap<>();
		for (Object secret : list(map(this.services.get(service)).get("secrets"))) {
			if (secret instanceof Map<?, ?> longSyntax) {
				String source = String.valueOf(longSyntax.get("source"));
				Object target = longSyntax.get("target");
				secrets.put(source, (target != null) ? String.valueOf(target) : source);
			}
			else {
				secrets.put(String.valueOf(secret), String.valueOf(secret));
			}
		}
		return secrets;
	}

	private static Map<String, String> secretFiles(Map<String, Object> compose) {
		Map<String, String> files = new LinkedHashMap<>();
		map(compose.get("secrets"))
			.forEach((name, definition) -> files.put(name, String.valueOf(map(definition).get("file"))));
		return files;
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

	/**
	 * A variable that holds no password but a reference to one, for a config provider of
	 * the process it is handed to: {@code env:NAME} or {@code file:...}.
	 */
	private static boolean isPasswordReference(String variable, String value) {
		return variable.endsWith("_PASSWORD_REFERENCE") && value != null
				&& (value.startsWith("env:") || value.startsWith("file:"));
	}

	private static boolean pointsAtEmbeddedPlatform(String value) {
		return value.contains("127.0.0.1") || value.contains("localhost")
				|| EMBEDDED_ONLY_PORTS.stream().anyMatch((port) -> value.equals(port) || value.contains(":" + port));
	}

	/**
	 * The host of {@code jdbc:postgresql://postgres:5432/users}, {@code kafka:9092} or
	 * {@code mailpit}.
	 */
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

	/**
	 * Flattens a YAML tree into {@code a.b[0].c -> value}, as Spring Boot names the
	 * properties.
	 */
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

	/**
	 * Reads {@code NAME=value} lines the way compose reads .env: comments and blank lines
	 * skipped.
	 */
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
		boolean quoted = value.length() >= 2
				&& (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"));
		return quoted ? value.substring(1, value.length() - 1) : value;
	}

	/**
	 * The repo root: the nearest directory above the working directory (e2e-tests)
	 * holding docker-compose.yml.
	 */
	static Path repoRoot() {
		Path start = Path.of("").toAbsolutePath();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No docker-compose.yml in " + start + " or above");
	}

}
