package cdcdemo.bridge.connector;

import java.time.Instant;
import java.util.List;

/**
 * A captured table whose publication no longer sends what the connector's definition says
 * it should: columns added to the table since the publication's column list was written
 * (everything but the excluded columns should flow), or the table gone from the
 * publication altogether (a {@code DROP COLUMN ... CASCADE} of a published column removes
 * it, and the connector then receives nothing of the table, without an error).
 *
 * @param table {@code schema.table}
 * @param unpublishedColumns columns of the table that are neither excluded nor published
 * @param missingFromPublication whether the table is not in the publication at all
 * @param statement what puts it right: what the bridge ran, for a publication it owns, or
 * what the publication's owner is to run
 * @param since when the bridge first saw it
 * @param fixedAt when the bridge altered its own publication; {@code null} while it waits
 * for the owner
 */
public record PublicationDrift(String table, List<String> unpublishedColumns, boolean missingFromPublication,
		String statement, Instant since, Instant fixedAt) {

	/**
	 * @return what happened, in words, with what to do if it is not put right yet
	 */
	public String describe(String publication) {
		String what = this.missingFromPublication
				? this.table + " is no longer in publication " + publication
						+ " (a DROP COLUMN ... CASCADE of a published column removes the table from it), so none of"
						+ " its changes reach Kafka"
				: "column" + ((this.unpublishedColumns.size() > 1) ? "s " : " ")
						+ String.join(", ", this.unpublishedColumns.stream().map((c) -> this.table + "." + c).toList())
						+ " not published: publication " + publication
						+ " lists the columns the table had when it was written";
		if (this.fixedAt != null) {
			return what + "; the bridge altered its publication at " + this.fixedAt + ": `" + this.statement + "`"
					+ (this.missingFromPublication
							? ". Changes made before that were not captured: snapshot the table again" : "");
		}
		return what + ". The publication's owner runs: `" + this.statement + "`";
	}

}
