package cdcdemo.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape comparison {@link ReadmeTests} applies to every README curl example, on small
 * samples shaped like the README's, and on the README itself: every example it shows must
 * have the shape of itself (its JSON parses, the elements of its lists agree, its tables
 * keep their columns).
 */
class OutputShapeTests {

	private static final String CONNECTOR = """
			{
			  "status": "available",
			  "snapshot": {"state": "completed", "rowsDone": 3, "rowsTotal": 3},
			  "topics": ["monolith.public.users"]
			}
			""";

	private static final String DOMAINS = """
			[{"domain":"example.com","users":3}]
			""";

	private static final String TOPICS = """
			audit.public.users      1  3   delete
			cdc-bridge-connectors   1  3   compact
			""";

	@Test
	void acceptsOtherValuesOfTheSameShape() {
		assertThat(OutputShape.differences(CONNECTOR, """
				{"topics": ["other.public.users"], "status": "paused",
				 "snapshot": {"rowsTotal": 17, "state": "running", "rowsDone": 2.5}}
				""")).isEmpty();
	}

	@Test
	void rejectsAMissingNestedField() {
		assertThat(OutputShape.differences(CONNECTOR, """
				{"status": "available", "snapshot": {"state": "completed", "rowsDone": 3}, "topics": ["t"]}
				""")).singleElement().asString().contains("$.snapshot", "rowsTotal");
	}

	@Test
	void rejectsAnExtraNestedField() {
		assertThat(OutputShape.differences(CONNECTOR, """
				{"status": "available", "snapshot": {"state": "completed", "rowsDone": 3, "rowsTotal": 3, "table": "t"},
				 "topics": ["t"]}
				""")).singleElement().asString().contains("$.snapshot", "table");
	}

	@Test
	void rejectsANumberWhereAStringIsShown() {
		assertThat(OutputShape.differences(CONNECTOR, """
				{"status": 1, "snapshot": {"state": "completed", "rowsDone": 3, "rowsTotal": 3}, "topics": ["t"]}
				""")).containsExactly("$.status: the README shows a string, got a number");
	}

	@Test
	void rejectsNullWhereANumberIsShown() {
		assertThat(OutputShape.differences(CONNECTOR, """
				{"status": "available", "snapshot": {"state": "completed", "rowsDone": null, "rowsTotal": 3},
				 "topics": ["t"]}
				""")).containsExactly("$.snapshot.rowsDone: the README shows a number, got null");
	}

	@Test
	void comparesTopLevelStrings() {
		assertThat(OutputShape.differences("\"creating\"\n", "\"available\"\n")).isEmpty();
		assertThat(OutputShape.differences("\"creating\"\n", "3\n")).isNotEmpty();
	}

	@Test
	void acceptsALongerListOfObjects() {
		assertThat(OutputShape.differences(DOMAINS, """
				[{"domain":"example.com","users":3},{"domain":"mit.edu","users":1},{"domain":"a.org","users":7}]
				""")).isEmpty();
	}

	@Test
	void rejectsAnArrayElementOfTheWrongShape() {
		assertThat(OutputShape.differences(DOMAINS, """
				[{"domain":"example.com","users":3},{"domain":"mit.edu"}]
				""")).singleElement().asString().startsWith("$[1]:").contains("users");
		assertThat(OutputShape.differences(DOMAINS, """
				[{"domain":"example.com","users":3},{"domain":"mit.edu","users":"1"}]
				""")).containsExactly("$[1].users: the README shows a number, got a string");
	}

	@Test
	void rejectsAnEmptyListWhereTheReadmeShowsElements() {
		assertThat(OutputShape.differences(DOMAINS, "[]\n")).singleElement().asString().contains("got none");
	}

	@Test
	void rejectsAListOfValuesOfAnotherLength() {
		String columns = "{\"columns\": [\"id\", \"first_name\", \"email\"]}";
		assertThat(OutputShape.differences(columns, "{\"columns\": [\"id\", \"email\", \"first_name\"]}")).isEmpty();
		assertThat(OutputShape.differences(columns, "{\"columns\": [\"id\", \"email\"]}"))
			.containsExactly("$.columns: the README shows 3 element(s), got 2");
		assertThat(OutputShape.differences(columns, "{\"columns\": [\"id\", 2, \"email\"]}"))
			.containsExactly("$.columns[1]: the README shows a string, got a number");
	}

	@Test
	void rejectsAReadmeListWhoseElementsDisagree() {
		assertThat(OutputShape.differences("[{\"a\": 1}, {\"b\": 1}]", "[{\"a\": 1}]")).isNotEmpty();
	}

	@Test
	void rejectsOtherThanJsonWhereJsonIsShown() {
		assertThat(OutputShape.differences(CONNECTOR, "curl: (7) Failed to connect\n")).isNotEmpty();
		assertThat(OutputShape.differences(CONNECTOR, CONNECTOR + CONNECTOR)).isNotEmpty();
	}

	@Test
	void rejectsReadmeJsonThatDoesNotParse() {
		assertThat(OutputShape.differences("{\"status\": \"available\", ...}", "{\"status\": \"available\"}"))
			.singleElement()
			.asString()
			.contains("does not parse");
	}

	@Test
	void comparesAStreamOfObjectsAsAList() {
		String shown = "{\"name\": \"a\", \"partitions\": 1}\n{\"name\": \"b\", \"partitions\": 1}\n";
		assertThat(OutputShape.differences(shown, "{\"name\": \"c\", \"partitions\": 3}\n")).isEmpty();
		assertThat(OutputShape.differences(shown, "{\"name\": \"c\"}\n")).isNotEmpty();
	}

	@Test
	void acceptsATableOfTheSameColumns() {
		assertThat(OutputShape.differences(TOPICS, """
				audit.public.users\t1\t12\tdelete
				heartbeat.audit\t1\t0\tdelete
				monolith.public.users\t3\t3\tcompact
				""")).isEmpty();
	}

	@Test
	void rejectsATableWithAColumnMissingOrOfAnotherKind() {
		assertThat(OutputShape.differences(TOPICS, "audit.public.users\t1\tdelete\n")).singleElement()
			.asString()
			.contains("4 columns, got 3");
		assertThat(OutputShape.differences(TOPICS, "audit.public.users\t1\t\tdelete\n")).singleElement()
			.asString()
			.contains("column 3: the README shows a number, got empty");
		assertThat(OutputShape.differences(TOPICS, "")).singleElement().asString().contains("got none");
	}

	@Test
	void takesADashForAValueNotThereYetOnEitherSide() {
		String shown = """
				NAME      STATUS     EVENTS  LAG MS
				audit     available       4  -
				monolith  available       6  12
				""";
		assertThat(OutputShape.differences(shown, """
				NAME      STATUS     EVENTS  LAG MS
				audit     available       9  40
				monolith  available      11  -
				""")).isEmpty();
		assertThat(OutputShape.differences(shown, """
				NAME      STATUS     EVENTS  LAG MS
				audit     7               9  -
				""")).singleElement().asString().contains("column 2: the README shows text, got a number");
	}

	@Test
	void comparesATablesHeaderLine() {
		String shown = """
				NAME                 PARTITIONS  MESSAGES
				audit.public.users   1           3
				""";
		assertThat(OutputShape.differences(shown, "NAME\tPARTITIONS\tMESSAGES\nmonolith.public.users\t1\t7\n"))
			.isEmpty();
		assertThat(OutputShape.differences(shown, "TOPIC\tPARTITIONS\tMESSAGES\nmonolith.public.users\t1\t7\n"))
			.singleElement()
			.asString()
			.contains("header");
	}

	@Test
	void leavesProseAlone() {
		assertThat(OutputShape.differences("Connector created\n", "anything at all\n")).isEmpty();
	}

	@Test
	void everyReadmeExampleHasTheShapeOfItself() {
		List<Markdown.ConsoleExample> examples = new ArrayList<>();
		for (Path readme : List.of(Path.of("../README.md"), Path.of("../domain-stats/README.md"))) {
			for (String block : Markdown.blocks(readme, "console")) {
				examples.addAll(Markdown.consoleExamples(block));
			}
		}
		assertThat(examples).hasSizeGreaterThan(5);
		for (Markdown.ConsoleExample example : examples) {
			assertThat(OutputShape.differences(example.shown(), example.shown()))
				.as("the README's output of `%s`", example.command())
				.isEmpty();
		}
	}

	@Test
	void readsTheConsoleExamplesInOrderWithRepeatedCommands() {
		String block = """
				$ curl -s localhost:8084/api/domains
				[{"domain":"example.com","users":3}]
				$ curl -s localhost:8084/api/domains
				[{"domain":"example.com","users":3},{"domain":"mit.edu","users":1}]
				""";
		assertThat(Markdown.consoleExamples(block)).extracting(Markdown.ConsoleExample::command)
			.containsExactly("curl -s localhost:8084/api/domains", "curl -s localhost:8084/api/domains");
	}

}
