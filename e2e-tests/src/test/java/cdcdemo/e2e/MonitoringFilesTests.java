package cdcdemo.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks compose's monitoring files without Prometheus or Grafana: the alert rules
 * (docker/prometheus/alerts.yml), the scrape and alerting settings, Alertmanager's route
 * to the mail catcher and the Grafana dashboard. A rule or panel that names a metric no
 * app exports is not an error to Prometheus or Grafana: the rule never fires and the
 * panel stays empty, which nobody notices until the outage it was for. So every metric
 * name in a rule's or a panel's query must be one of {@link #EXPORTED}, the names the
 * apps really expose (cdc-bridge's {@code ConnectorMetricsTests} finds the bridge's on a
 * running bridge, onboarding-service's {@code BacklogMetricsTests} the backlog's). YAML
 * is read with SnakeYAML, like {@link ComposeFileTests}; the dashboard with Jackson.
 */
class MonitoringFilesTests {

	/** In the Prometheus format: the base unit a suffix, {@code _total} on counters. */
	static final Set<String> EXPORTED = Set.of(
			// cdc-bridge, per connector
			"cdc_connector_up", "cdc_connector_state", "cdc_connector_lag_milliseconds",
			"cdc_connector_events_rate_events_s", "cdc_connector_wal_retained_bytes", "cdc_connector_snapshot_rows",
			"cdc_connector_restarts_total", "cdc_events_published_total",
			// onboarding-service
			"onboarding_backlog", "onboarding_backlog_oldest_age_seconds",
			// every app (Micrometer's JVM metrics)
			"jvm_memory_used_bytes", "jvm_memory_max_bytes",
			// Prometheus's own, per target
			"up");

	/** The alerts issue #14 asks for, and one more (restarts that never stay down). */
	private static final Set<String> ALERTS = Set.of("AppDown", "ConnectorDown", "ConnectorRestarting",
			"ConnectorLagging", "SlotRetainsTooMuchWal", "RetainedWalGrowing", "OnboardingBacklog");

	/**
	 * PromQL's words that are not metrics: operators, and aggregations, which may stand
	 * before their {@code by (...)} rather than their parenthesis.
	 */
	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "sum", "min", "max", "avg", "group", "stddev",
			"stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

	/** Keywords followed by a list of labels in parentheses. */
	private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right");

	private static final Path DOCKER = ComposeFileTests.repoRoot().resolve("docker");

	@Test
	void definesEveryAlertWithItsDurationSeverityAndSummary() {
		List<Map<String, Object>> rules = alertRules();
		assertThat(rules).extracting((rule) -> rule.get("alert")).containsExactlyInAnyOrderElementsOf(ALERTS);
		for (Map<String, Object> rule : rules) {
			Object name = rule.get("alert");
			assertThat(String.valueOf(rule.get("expr"))).as("expr of %s", name).isNotBlank();
			assertThat(String.valueOf(rule.get("for"))).as("for of %s", name).matches("\\d+[smh]");
			assertThat(map(rule.get("labels")).get("severity")).as("severity of %s", name).isIn("critical", "warning");
			assertThat(String.valueOf(map(rule.get("annotations")).get("summary"))).as("summary of %s", name)
				.isNotBlank()
				.isNotEqualTo("null");
		}
	}

	@Test
	void unitTestsEveryAlertForPromtool() {
		Map<String, Object> tests = loadYaml(DOCKER.resolve("prometheus/alerts.test.yml"));
		assertThat(list(tests.get("rule_files"))).as("rule files of alerts.test.yml").hasSize(1);
		assertThat(String.valueOf(list(tests.get("rule_files")).get(0))).isEqualTo("alerts.yml");
		Set<Object> tested = new LinkedHashSet<>();
		for (Object test : list(tests.get("tests"))) {
			list(map(test).get("alert_rule_test")).forEach((check) -> tested.add(map(check).get("alertname")));
		}
		assertThat(tested).as("alerts `promtool test rules docker/prometheus/alerts.test.yml` checks")
			.containsExactlyInAnyOrderElementsOf(ALERTS);
	}

	@Test
	void alertsOnlyOnMetricsTheAppsExport() {
		for (Map<String, Object> rule : alertRules()) {
			String expr = String.valueOf(rule.get("expr"));
			assertThat(metricNames(expr)).as("metrics of %s: %s", rule.get("alert"), expr)
				.isNotEmpty()
				.isSubsetOf(EXPORTED);
		}
	}

	@Test
	void alertsWhenTheSlotHoldsMoreThanAGibibyte() {
		Map<String, Object> slot = alertRules().stream()
			.filter((rule) -> "SlotRetainsTooMuchWal".equals(rule.get("alert")))
			.findFirst()
			.orElseThrow();
		assertThat(String.valueOf(slot.get("expr"))).isEqualTo("cdc_connector_wal_retained_bytes > 1073741824");
		assertThat(slot.get("for")).isEqualTo("5m");
	}

	@Test
	void chartsOnlyMetricsTheAppsExportFromTheProvisionedDatasource() throws IOException {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(DOCKER.resolve("grafana/dashboards/cdc-platform.json")));
		String datasource = String.valueOf(
				map(list(loadYaml(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yml")).get("datasources"))
					.get(0)).get("uid"));
		assertThat(dashboard.path("uid").asString()).isNotBlank();

		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		}
		Set<String> charted = new LinkedHashSet<>();
		Set<Integer> ids = new LinkedHashSet<>();
		for (JsonNode panel : panels) {
			String title = panel.path("title").asString();
			assertThat(ids.add(panel.path("id").asInt())).as("id of panel %s is unique", title).isTrue();
			if ("row".equals(panel.path("type").asString())) {
				continue;
			}
			assertThat(panel.path("targets").size()).as("queries of panel %s", title).isPositive();
			assertThat(panel.path("datasource").path("uid").asString()).as("datasource of %s", title)
				.isEqualTo(datasource);
			for (JsonNode target : panel.path("targets")) {
				String expr = target.path("expr").asString();
				Set<String> names = metricNames(expr);
				assertThat(names).as("metrics of panel %s: %s", title, expr).isNotEmpty().isSubsetOf(EXPORTED);
				charted.addAll(names);
			}
		}
		assertThat(charted)
			.as("what the dashboard shows: per connector lag, events/s, retained WAL, up/state; "
					+ "the onboarding backlog; JVM heap per app")
			.contains("cdc_connector_lag_milliseconds", "cdc_events_published_total",
					"cdc_connector_wal_retained_bytes", "cdc_connector_up", "cdc_connector_state", "onboarding_backlog",
					"jvm_memory_used_bytes");
	}

	@Test
	void prometheusEvaluatesTheRulesAndSendsAlertsToAlertmanager() {
		Map<String, Object> prometheus = loadYaml(DOCKER.resolve("prometheus/prometheus.yml"));
		assertThat(list(prometheus.get("rule_files")).stream().map(String::valueOf).toList())
			.containsExactly("/etc/prometheus/alerts.yml");
		List<Object> targets = new ArrayList<>();
		for (Object manager : list(map(prometheus.get("alerting")).get("alertmanagers"))) {
			for (Object config : list(map(manager).get("static_configs"))) {
				targets.addAll(list(map(config).get("targets")));
			}
		}
		assertThat(targets).containsExactly("alertmanager:9093");
	}

	@Test
	void alertmanagerMailsEveryAlertThroughTheMailCatcherWithoutTls() {
		Map<String, Object> alertmanager = loadYaml(DOCKER.resolve("alertmanager/alertmanager.yml"));
		Map<String, Object> global = map(alertmanager.get("global"));
		assertThat(global).containsEntry("smtp_smarthost", "mailpit:1025")
			.containsEntry("smtp_require_tls", false)
			.containsKey("smtp_from");
		Map<String, Map<String, Object>> receivers = new LinkedHashMap<>();
		list(alertmanager.get("receivers"))
			.forEach((receiver) -> receivers.put(String.valueOf(map(receiver).get("name")), map(receiver)));
		Object receiver = map(alertmanager.get("route")).get("receiver");
		assertThat(receivers).as("receivers").containsKey(String.valueOf(receiver));
		assertThat(list(receivers.get(receiver).get("email_configs"))).as("emails of %s", receiver)
			.isNotEmpty()
			.allSatisfy((email) -> assertThat(map(email)).containsKey("to"));
	}

	@Test
	void findsTheMetricsOfAQuery() {
		assertThat(metricNames("cdc_connector_up == 0 unless on (instance, connector) "
				+ "cdc_connector_state{state=\"paused\"} == 1"))
			.containsExactlyInAnyOrder("cdc_connector_up", "cdc_connector_state");
		assertThat(metricNames("sum by (application) (jvm_memory_used_bytes{area=\"heap\", id=~\"G1.*\"})"))
			.containsExactly("jvm_memory_used_bytes");
		assertThat(metricNames("max(a_seconds) without (instance) / on (job) group_left (step) b_total offset 5m"))
			.containsExactly("a_seconds", "b_total");
		assertThat(metricNames("deriv(x_bytes[15m]) > 0 and predict_linear(x_bytes[15m], 3600) > 1e9"))
			.containsExactly("x_bytes");
		assertThat(metricNames("{__name__=\"up\"}")).as("a selector by name only is not read").isEmpty();
	}

	/**
	 * The metric names a PromQL expression selects: identifiers outside label matchers
	 * ({@code {...}}), ranges ({@code [...]}) and strings that are neither a function or
	 * aggregation (followed by {@code (}), a keyword, nor a label of a {@code by (...)}
	 * style list.
	 */
	static Set<String> metricNames(String expr) {
		Set<String> names = new LinkedHashSet<>();
		int at = 0;
		boolean labelList = false;
		while (at < expr.length()) {
			char c = expr.charAt(at);
			if (c == '"' || c == '\'' || c == '`') {
				at = skipString(expr, at);
			}
			else if (c == '{') {
				at = skipPast(expr, at, '}');
			}
			else if (c == '[') {
				at = skipPast(expr, at, ']');
			}
			else if (labelList && c == '(') {
				at = skipPast(expr, at, ')');
				labelList = false;
			}
			else if (Character.isDigit(c) || c == '.') {
				while (at < expr.length() && (Character.isLetterOrDigit(expr.charAt(at)) || expr.charAt(at) == '.')) {
					at++;
				}
			}
			else if (Character.isLetter(c) || c == '_' || c == ':') {
				int start = at;
				while (at < expr.length() && (Character.isLetterOrDigit(expr.charAt(at)) || expr.charAt(at) == '_'
						|| expr.charAt(at) == ':')) {
					at++;
				}
				String word = expr.substring(start, at);
				int next = at;
				while (next < expr.length() && Character.isWhitespace(expr.charAt(next))) {
					next++;
				}
				boolean call = next < expr.length() && expr.charAt(next) == '(';
				if (LABEL_LISTS.contains(word.toLowerCase())) {
					labelList = true;
				}
				else if (!call && !KEYWORDS.contains(word.toLowerCase())) {
					names.add(word);
				}
			}
			else {
				at++;
			}
		}
		return names;
	}

	private static int skipString(String expr, int at) {
		char quote = expr.charAt(at);
		int i = at + 1;
		while (i < expr.length() && expr.charAt(i) != quote) {
			i += (expr.charAt(i) == '\\' && quote != '`') ? 2 : 1;
		}
		return i + 1;
	}

	private static int skipPast(String expr, int at, char close) {
		int i = at + 1;
		while (i < expr.length() && expr.charAt(i) != close) {
			char c = expr.charAt(i);
			i = (c == '"' || c == '\'' || c == '`') ? skipString(expr, i) : i + 1;
		}
		return i + 1;
	}

	private static List<Map<String, Object>> alertRules() {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Object group : list(loadYaml(DOCKER.resolve("prometheus/alerts.yml")).get("groups"))) {
			list(map(group).get("rules")).forEach((rule) -> rules.add(map(rule)));
		}
		return rules;
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
			return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
