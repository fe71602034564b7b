package cdcdemo.bridge.connector;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.connector.definition.TableName;
import cdcdemo.bridge.connector.postgres.PublicationStatements;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector;

/**
 * Keeps each connector's publication sending what its definition says, as the monolith's
 * schema changes. A connector's definition names the columns it excludes, so a column
 * added to a captured table later is to flow; but a publication with a column list (the
 * one that keeps excluded columns in PostgreSQL) names the columns the table had when the
 * list was written, and PostgreSQL drops every column added since without a word. A
 * {@code DROP COLUMN ... CASCADE} of a published column takes the whole table out of the
 * publication, silently too.
 * <p>
 * Every {@code cdc.connector.publication-check-interval} the watch compares each captured
 * table's columns with what its publication sends. Where the bridge created the
 * publication it alters it at once and logs it; the rows written between the schema
 * change and that check carry no value for the new column. Where it did not, the
 * connector's info, page and health show the drift with the exact statement for the
 * publication's owner, until the owner has run it.
 */
@Component
class PublicationWatch {

	private static final Logger log = LoggerFactory.getLogger(PublicationWatch.class);

	private final ConnectorRegistry registry;

	private final SourceDatabaseInspector inspector;

	private final PublicationDrifts drifts;

	PublicationWatch(ConnectorRegistry registry, SourceDatabaseInspector inspector, PublicationDrifts drifts) {
		this.registry = registry;
		this.inspector = inspector;
		this.drifts = drifts;
	}

	@Scheduled(initialDelayString = "${cdc.connector.publication-check-interval:30s}",
			fixedDelayString = "${cdc.connector.publication-check-interval:30s}")
	void checkAll() {
		java.util.Set<String> names = this.registry.names();
		this.drifts.retain(names);
		for (String name : names) {
			try {
				check(this.registry.definition(name));
			}
			catch (ConnectorNotFoundException ex) {
				this.drifts.forget(name);
			}
			catch (SQLException ex) {
				// the connector's info says the database cannot be asked; the next check
				// tries again
				log.debug("Connector {}: cannot check its publication: {}", name, ex.getMessage());
			}
		}
	}

	void check(ConnectorDefinition definition) throws SQLException {
		String name = definition.name();
		SourceDatabaseInspector.SourceShape shape = this.inspector.inspect(definition.source(), definition.tables());
		Map<String, List<String>> published = this.inspector.publishedColumns(definition.source(),
				definition.publication());
		Map<String, PublicationDrift> seen = this.drifts.open(name)
			.stream()
			.collect(Collectors.toMap(PublicationDrift::table, Function.identity()));
		Instant now = Instant.now();
		List<PublicationDrift> found = new ArrayList<>();
		for (String table : definition.tables()) {
			SourceDatabaseInspector.TableShape columns = shape.tables().get(table);
			if (columns == null || !columns.exists()) {
				continue;
			}
			List<String> excluded = definition.excludedColumnsOf(table);
			List<String> wanted = columns.columns().stream().filter((column) -> !excluded.contains(column)).toList();
			List<String> sent = published.get(table);
			boolean missing = sent == null;
			List<String> unpublished = missing ? List.of()
					: wanted.stream().filter((column) -> !sent.contains(column)).toList();
			if (!missing && unpublished.isEmpty()) {
				continue;
			}
			String statement = definition.publicationOwned() ? PublicationStatements.of(definition, shape).alter()
					: ownersStatement(definition.publication(), TableName.parse(table),
							(excluded.isEmpty() || !shape.supportsColumnLists()) ? List.of() : wanted, missing);
			PublicationDrift earlier = seen.get(table);
			found.add(new PublicationDrift(table, unpublished, missing, statement,
					(earlier != null) ? earlier.since() : now, null));
		}
		if (found.isEmpty() || !definition.publicationOwned()) {
			found.stream()
				.filter((drift) -> !seen.containsKey(drift.table()))
				.forEach((drift) -> log.warn("Connector {}: {}", name, drift.describe(definition.publication())));
			this.drifts.replaceOpen(name, found);
			return;
		}
		this.inspector.execute(definition.source(), found.get(0).statement());
		List<PublicationDrift> fixed = found.stream()
			.map((drift) -> new PublicationDrift(drift.table(), drift.unpublishedColumns(),
					drift.missingFromPublication(), drift.statement(), drift.since(), now))
			.toList();
		fixed.forEach((drift) -> log.info("Connector {}: {}", name, drift.describe(definition.publication())));
		this.drifts.fixed(name, fixed);
		this.drifts.replaceOpen(name, List.of());
	}

	/**
	 * The statement for a publication the bridge does not own: the table added back, or
	 * its column list replaced, the publication's other tables left as they are.
	 */
	private static String ownersStatement(String publication, TableName table, List<String> columns, boolean missing) {
		PublicationStatements statements = PublicationStatements.of(publication).table(table, columns);
		return missing ? statements.add() : statements.replace();
	}

}
