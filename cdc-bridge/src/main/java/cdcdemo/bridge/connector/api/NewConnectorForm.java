package cdcdemo.bridge.connector.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.util.StringUtils;

import cdcdemo.bridge.connector.ConnectorRequest;
import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;

/**
 * What the "New connector" form sends: the source (a configured datasource, or a JDBC URL
 * with a role and its password), the ticked tables and excluded columns, and the optional
 * parts. Turned into the same {@link ConnectorRequest} the JSON API takes, so the
 * validation is the API's. The form asks for a name the API would generate: in the
 * browser the name is chosen, as it becomes the topic prefix.
 *
 * @param sourceKind {@code datasource} or {@code jdbc}
 * @param datasource the chosen datasource
 * @param jdbcUrl the JDBC URL
 * @param user the role
 * @param password its password, never shown again
 * @param name the connector's name
 * @param tables the ticked tables
 * @param excludedColumns the ticked columns
 * @param publication an existing publication, or empty for the bridge to create one
 * @param settings Debezium settings, one {@code key=value} a line
 * @param maxEventBytes the largest event, empty for Kafka's default
 * @param partitions the partitions of each change topic, empty for the broker's default
 */
record NewConnectorForm(String sourceKind, String datasource, String jdbcUrl, String user, String password, String name,
		List<String> tables, List<String> excludedColumns, String publication, String settings, String maxEventBytes,
		String partitions) {

	/**
	 * Where the validator's fields show on this form; a datasource's problems (its
	 * connection, its role) show under the datasource.
	 */
	private static final Map<String, String> JDBC_FIELDS = Map.of("name", "name", "source.jdbcUrl", "jdbcUrl",
			"source.user", "user", "source.password", "password", "tables", "tables", "publication", "publication",
			"settings", "settings", "maxEventBytes", "maxEventBytes", "partitions", "partitions");

	private static final Map<String, String> DATASOURCE_FIELDS = Map.of("name", "name", "source.datasource",
			"datasource", "source.jdbcUrl", "datasource", "source.user", "datasource", "tables", "tables",
			"publication", "publication", "settings", "settings", "maxEventBytes", "maxEventBytes", "partitions",
			"partitions");

	NewConnectorForm {
		sourceKind = "jdbc".equals(sourceKind) ? "jdbc" : "datasource";
		datasource = StringUtils.hasText(datasource) ? datasource : "default";
		tables = (tables != null) ? List.copyOf(tables) : List.of();
		excludedColumns = (excludedColumns != null) ? List.copyOf(excludedColumns) : List.of();
	}

	static NewConnectorForm empty() {
		return new NewConnectorForm(null, null, null, null, null, null, null, null, null, null, null, null);
	}

	public boolean jdbc() {
		return "jdbc".equals(this.sourceKind);
	}

	ConnectorRequest.Source source() {
		return jdbc() ? new ConnectorRequest.Source(null, this.jdbcUrl, this.user, this.password)
				: new ConnectorRequest.Source(this.datasource, null, null, null);
	}

	/**
	 * @param problems where to add what the form itself finds (no name, a settings line
	 * that is not {@code key=value}, a size that is not a number)
	 * @return the request the API would take
	 */
	ConnectorRequest toRequest(List<FieldProblem> problems) {
		if (!StringUtils.hasText(this.name)) {
			problems.add(new FieldProblem("name",
					"required: the topic prefix (<name>.<schema>.<table>) and the replication slot's name"));
		}
		SettingsLines settings = SettingsLines.parse(this.settings);
		problems.addAll(settings.problems());
		Integer bytes = SettingsLines.maxEventBytes(this.maxEventBytes, problems);
		Integer partitions = SettingsLines.partitions(this.partitions, problems);
		return new ConnectorRequest(StringUtils.hasText(this.name) ? this.name.strip() : null, source(), null,
				this.tables, this.excludedColumns,
				StringUtils.hasText(this.publication) ? this.publication.strip() : null, settings.settings(), bytes,
				partitions);
	}

	FormErrors errors(List<FieldProblem> problems) {
		return FormErrors.of(problems, this.tables, this.excludedColumns, jdbc() ? JDBC_FIELDS : DATASOURCE_FIELDS);
	}

	static List<FieldProblem> all(List<FieldProblem> own, List<FieldProblem> validator) {
		List<FieldProblem> all = new ArrayList<>(own);
		validator.stream().filter((problem) -> !all.contains(problem)).forEach(all::add);
		return all;
	}

}
