package cdcdemo.bridge.connector.api;

import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import cdcdemo.bridge.connector.ConnectorInfo;
import cdcdemo.bridge.connector.ConnectorRegistry;
import cdcdemo.bridge.connector.ConnectorSnapshots;
import cdcdemo.bridge.connector.ConnectorRequest;
import cdcdemo.bridge.connector.ConnectorUpdate;
import cdcdemo.bridge.connector.ConnectorValidationException;
import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector.TableShape;
import cdcdemo.bridge.system.SecurityTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The connector forms' web layer alone: each problem the registry names by the API's
 * field (an index into the request's tables or excluded columns, the publication, the
 * Kafka store) shows under the row, checkbox or field it belongs to, or at the top when
 * the form has no such field, with what was entered kept and the password never sent
 * back; destroy needs the name typed. {@code ConnectorFormTests} drives the same forms on
 * real servers.
 */
@WithMockUser(roles = "ADMIN")
@WebMvcTest({ ConnectorFormController.class, ConnectorPageController.class })
@Import(SecurityTestSupport.class)
class ConnectorFormControllerTests {

	static final String PASSWORD = "pw-never-echoed-4711";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ConnectorRegistry registry;

	@MockitoBean
	ConnectorSnapshots snapshots;

	@BeforeEach
	void schema() {
		given(this.registry.datasourceNames()).willReturn(List.of("default", "reporting"));
		List<TableShape> tables = List.of(
				new TableShape("public.accounts", true, List.of("id"), List.of("id", "name", "secret"), "default"),
				new TableShape("public.items", true, List.of("id"), List.of("id", "label"), "full"),
				new TableShape("public.no_key", true, List.of(), List.of("x"), "default"));
		given(this.registry.sourceTables(any(ConnectorRequest.Source.class))).willReturn(tables);
		given(this.registry.sourceTables(anyString())).willReturn(tables);
	}

	@Test
	void showsTheSourcesTablesWithTheirKeysAndReplicaIdentities() throws Exception {
		Document form = html(this.mvc.post()
			.uri("/connectors/new")
			.with(csrf())
			.param("sourceKind", "jdbc")
			.param("jdbcUrl", "jdbc:postgresql://db:5432/users")
			.param("user", "cdc_bridge")
			.param("password", PASSWORD)
			.exchange());
		assertThat(form.select("tr.source-table").eachAttr("data-table")).containsExactly("public.accounts",
				"public.items", "public.no_key");
		assertThat(form.selectFirst("[data-table=public.items] .replica-identity").text()).isEqualTo("full");
		assertThat(form.selectFirst("[data-table=public.no_key] .primary-key").text()).contains("cannot be captured");
		assertThat(form.selectFirst("[data-column=public.accounts.secret]").text()).contains("looks like a secret");
		assertThat(form.select("input[name=excludedColumns][checked]")).as("the user decides what to exclude")
			.isEmpty();
		assertThat(form.selectFirst("input[name=jdbcUrl]").val()).isEqualTo("jdbc:postgresql://db:5432/users");
		assertThat(form.html()).doesNotContain(PASSWORD);
	}

	@Test
	void showsWhySourceTablesCannotBeListedUnderTheSourceField() throws Exception {
		given(this.registry.sourceTables(any(ConnectorRequest.Source.class)))
			.willThrow(new ConnectorValidationException(List.of(new FieldProblem("source.jdbcUrl",
					"cannot connect as cdc_bridge: password authentication failed"))));
		Document form = html(this.mvc.post()
			.uri("/connectors/new")
			.with(csrf())
			.param("sourceKind", "jdbc")
			.param("jdbcUrl", "jdbc:postgresql://db:5432/users")
			.param("user", "cdc_bridge")
			.param("password", PASSWORD)
			.exchange());
		assertThat(errorsFor(form, "jdbcUrl"))
			.containsExactly("cannot connect as cdc_bridge: password authentication failed");
		assertThat(form.select("tr.source-table")).isEmpty();
		assertThat(form.select("#create")).as("no step 2 without tables").isEmpty();
		assertThat(form.html()).doesNotContain(PASSWORD);
	}

	@Test
	void showsEachProblemUnderItsFieldAndKeepsWhatWasEntered() throws Exception {
		given(this.registry.create(any())).willThrow(new ConnectorValidationException(List.of(
				new FieldProblem("tables[1]", "table public.no_key has no primary key; events need one for their key"),
				new FieldProblem("excludedColumns[0]", "column public.accounts.id is part of the primary key"),
				new FieldProblem("publication", "no publication 'nope' in users"),
				new FieldProblem("store.bootstrapServers", "Kafka did not answer"))));
		Document form = html(this.mvc.post()
			.uri("/connectors")
			.with(csrf())
			.param("sourceKind", "jdbc")
			.param("jdbcUrl", "jdbc:postgresql://db:5432/users")
			.param("user", "cdc_bridge")
			.param("password", PASSWORD)
			.param("name", "audit")
			.param("tables", "public.accounts", "public.no_key")
			.param("excludedColumns", "public.accounts.id")
			.param("publication", "nope")
			.param("settings", "tombstones.on.delete=false")
			.exchange());
		assertThat(errorsFor(form, "table:public.no_key"))
			.containsExactly("table public.no_key has no primary key; events need one for their key");
		assertThat(errorsFor(form, "table:public.accounts")).isEmpty();
		assertThat(errorsFor(form, "column:public.accounts.id"))
			.containsExactly("column public.accounts.id is part of the primary key");
		assertThat(errorsFor(form, "publication")).containsExactly("no publication 'nope' in users");
		assertThat(form.select("#errors li").eachText())
			.containsExactly("store.bootstrapServers: Kafka did not answer");
		assertThat(form.select("input[name=tables][checked]").eachAttr("value")).containsExactly("public.accounts",
				"public.no_key");
		assertThat(form.select("input[name=excludedColumns][checked]").eachAttr("value"))
			.containsExactly("public.accounts.id");
		assertThat(form.selectFirst("input[name=name]").val()).isEqualTo("audit");
		assertThat(form.selectFirst("input[name=publication]").val()).isEqualTo("nope");
		assertThat(form.selectFirst("textarea[name=settings]").val()).isEqualTo("tombstones.on.delete=false");
		assertThat(form.selectFirst("input[name=sourceKind][value=jdbc]").hasAttr("checked")).isTrue();
		assertThat(form.selectFirst("input[name=password]").val()).isEmpty();
		assertThat(form.html()).doesNotContain(PASSWORD);
		ArgumentCaptor<ConnectorRequest> request = ArgumentCaptor.forClass(ConnectorRequest.class);
		then(this.registry).should().create(request.capture());
		assertThat(request.getValue().source().password()).isEqualTo(PASSWORD);
		assertThat(request.getValue().settings()).isEqualTo(Map.of("tombstones.on.delete", "false"));
	}

	@Test
	void asksForANameAndStillShowsWhatTheValidatorFinds() throws Exception {
		willThrow(new ConnectorValidationException(
				List.of(new FieldProblem("source.user", "role 'cdc_bridge' lacks the REPLICATION attribute"))))
			.given(this.registry)
			.check(any());
		Document form = html(this.mvc.post()
			.uri("/connectors")
			.with(csrf())
			.param("sourceKind", "datasource")
			.param("datasource", "reporting")
			.param("tables", "public.items")
			.param("maxEventBytes", "lots")
			.param("partitions", "many")
			.exchange());
		assertThat(errorsFor(form, "name")).singleElement().asString().startsWith("required");
		assertThat(errorsFor(form, "maxEventBytes")).containsExactly("'lots' is not a whole number of bytes");
		assertThat(errorsFor(form, "partitions")).containsExactly("'many' is not a whole number of partitions");
		assertThat(errorsFor(form, "datasource")).as("a datasource's role is not a field of the form")
			.containsExactly("role 'cdc_bridge' lacks the REPLICATION attribute");
		assertThat(form.selectFirst("select[name=datasource] option[selected]").val()).isEqualTo("reporting");
		then(this.registry).should(never()).create(any());
	}

	@Test
	void createsAndRedirectsToThePageWithAFlash() {
		given(this.registry.create(any())).willReturn(info("audit", List.of("public.items"), List.of()));
		MvcTestResult result = this.mvc.post()
			.uri("/connectors")
			.with(csrf())
			.param("datasource", "default")
			.param("name", "audit")
			.param("tables", "public.items")
			.exchange();
		assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/");
		assertThat(result).flash().containsKey("message");
	}

	@Test
	void createsWithThePartitionsAsked() {
		given(this.registry.create(any())).willReturn(info("audit", List.of("public.items"), List.of()));
		assertThat(this.mvc.post()
			.uri("/connectors")
			.with(csrf())
			.param("datasource", "default")
			.param("name", "audit")
			.param("tables", "public.items")
			.param("partitions", " 3 ")).hasStatus3xxRedirection();
		ArgumentCaptor<ConnectorRequest> request = ArgumentCaptor.forClass(ConnectorRequest.class);
		then(this.registry).should().create(request.capture());
		assertThat(request.getValue().partitions()).isEqualTo(3);
	}

	@Test
	void changesThePartitionsOfTopicsCreatedFromNowOn() throws Exception {
		given(this.registry.info("audit")).willReturn(info("audit", List.of("public.items"), List.of()));
		Document edit = html(this.mvc.get().uri("/connectors/audit/edit").exchange());
		assertThat(edit.selectFirst("input[name=partitions]").val()).isEmpty();
		assertThat(edit.text()).contains("applies to the topics created from now on");
		given(this.registry.update(eq("audit"), any())).willReturn(info("audit", List.of("public.items"), List.of()));
		assertThat(this.mvc.post()
			.uri("/connectors/audit/edit")
			.with(csrf())
			.param("tables", "public.items")
			.param("settings", "tombstones.on.delete=false")
			.param("maxEventBytes", "1048576")
			.param("partitions", "6")).hasStatus3xxRedirection();
		ArgumentCaptor<ConnectorUpdate> update = ArgumentCaptor.forClass(ConnectorUpdate.class);
		then(this.registry).should().update(eq("audit"), update.capture());
		assertThat(update.getValue().partitions()).isEqualTo(6);
		assertThat(update.getValue().maxEventBytes()).isNull();
	}

	@Test
	void placesAnUpdatesProblemsByTheUpdatedDefinitionsIndices() throws Exception {
		given(this.registry.info("audit"))
			.willReturn(info("audit", List.of("public.accounts", "public.items"), List.of("public.accounts.secret")));
		given(this.registry.update(eq("audit"), any())).willThrow(new ConnectorValidationException(
				List.of(new FieldProblem("tables[1]", "table public.no_key has no primary key"),
						new FieldProblem("excludedColumns[0]", "column public.items.nope does not exist"),
						new FieldProblem("source.jdbcUrl", "cannot connect"))));
		Document form = html(this.mvc.post()
			.uri("/connectors/audit/edit")
			.with(csrf())
			.param("tables", "public.items", "public.no_key")
			.param("excludedColumns", "public.accounts.secret", "public.items.label")
			.param("settings", "tombstones.on.delete=false")
			.param("maxEventBytes", "1048576")
			.exchange());
		ArgumentCaptor<ConnectorUpdate> update = ArgumentCaptor.forClass(ConnectorUpdate.class);
		then(this.registry).should().update(eq("audit"), update.capture());
		assertThat(update.getValue().addTables()).containsExactly("public.no_key");
		assertThat(update.getValue().removeTables()).containsExactly("public.accounts");
		assertThat(update.getValue().addExcludedColumns()).containsExactly("public.items.label");
		assertThat(update.getValue().removeExcludedColumns()).isEmpty();
		assertThat(update.getValue().settings()).isNull();
		assertThat(update.getValue().maxEventBytes()).isNull();
		// the updated definition: tables [items, no_key]; excluded [items.label] (the
		// accounts column goes with its table)
		assertThat(errorsFor(form, "table:public.no_key")).containsExactly("table public.no_key has no primary key");
		assertThat(errorsFor(form, "column:public.items.label"))
			.containsExactly("column public.items.nope does not exist");
		assertThat(form.select("#errors li").eachText()).containsExactly("source.jdbcUrl: cannot connect");
		assertThat(form.select("input[name=tables][checked]").eachAttr("value")).containsExactly("public.items",
				"public.no_key");
	}

	@Test
	void changesNothingForAFormSentUnchanged() {
		given(this.registry.info("audit"))
			.willReturn(info("audit", List.of("public.items"), List.of("public.items.label")));
		assertThat(this.mvc.post()
			.uri("/connectors/audit/edit")
			.with(csrf())
			.param("tables", "public.items")
			.param("excludedColumns", "public.items.label")
			.param("settings", "tombstones.on.delete=false\n")
			.param("maxEventBytes", "1048576")).hasStatus3xxRedirection()
			.flash()
			.containsEntry("message", "Nothing to change in audit.");
		then(this.registry).should(never()).update(anyString(), any());
	}

	@Test
	void destroysNothingUnlessTheNameIsTyped() {
		assertThat(this.mvc.post().uri("/connectors/audit/destroy").with(csrf()).param("confirmation", "adit"))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/connectors/audit/destroy")
			.flash()
			.containsEntry("error",
					"Nothing destroyed: type the connector's name, audit, to destroy it ('adit' was typed).");
		assertThat(this.mvc.post().uri("/connectors/audit/destroy").with(csrf())).hasStatus3xxRedirection()
			.flash()
			.containsKey("error");
		then(this.registry).should(never()).destroy(anyString());
	}

	private static List<String> errorsFor(Document form, String field) {
		return form.select("[data-errors-for=" + field + "] li").eachText();
	}

	private static Document html(MvcTestResult result) throws java.io.UnsupportedEncodingException {
		assertThat(result).hasStatusOk();
		return Jsoup.parse(result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
	}

	static ConnectorInfo info(String name, List<String> tables, List<String> excluded) {
		return new ConnectorInfo(name, "available", null, "cdc_bridge@db:5432/users", "kafka:9092",
				tables.stream()
					.map((t) -> new ConnectorInfo.TableInfo(t, name + "." + t, "default", "the primary key"))
					.toList(),
				excluded, "bridge", name + "_publication", "heartbeat." + name, Map.of("tombstones.on.delete", "false"),
				0, 0.0, null, null, null, new ConnectorInfo.SnapshotInfo("completed", 0, 0, null),
				new ConnectorInfo.DeliveryInfo("exactly-once", 0, 0, null, null, null, List.of(), 1048576, null),
				List.of(), List.of(), List.of());
	}

}
