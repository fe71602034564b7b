package cdcdemo.bridge.connector.api;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cdcdemo.bridge.connector.ConnectorInfo;
import cdcdemo.bridge.connector.ConnectorNotFoundException;
import cdcdemo.bridge.connector.ConnectorRegistry;
import cdcdemo.bridge.connector.ConnectorRequest;
import cdcdemo.bridge.connector.ConnectorStateException;
import cdcdemo.bridge.connector.ConnectorUpdate;
import cdcdemo.bridge.connector.ConnectorValidationException;
import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;
import cdcdemo.bridge.connector.postgres.SourceDatabaseInspector.TableShape;

/**
 * The forms that create and edit a connector, for someone who would rather not write the
 * JSON. They build the API's {@link ConnectorRequest} and {@link ConnectorUpdate}, so the
 * registry validates them as it validates the API's, and they show each problem under the
 * field at fault with what was entered kept. Tables come from the source's live schema,
 * so what can be ticked exists, and its primary key and replica identity are seen before
 * choosing. A JDBC source's password is asked again on every re-render: the page never
 * holds it. Post-redirect-get with a flash message on success.
 */
@Controller
class ConnectorFormController {

	private final ConnectorRegistry registry;

	ConnectorFormController(ConnectorRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/connectors/new")
	String newConnector(Model model) {
		return newForm(model, NewConnectorForm.empty(), null, FormErrors.none());
	}

	/**
	 * "Show tables": the same form again, with the source's tables.
	 * @param form what was entered so far
	 * @param model the model
	 * @return the form
	 */
	@PostMapping("/connectors/new")
	String showTables(@ModelAttribute NewConnectorForm form, Model model) {
		try {
			return newForm(model, form, this.registry.sourceTables(form.source()), FormErrors.none());
		}
		catch (ConnectorValidationException ex) {
			return newForm(model, form, null, form.errors(ex.problems()));
		}
	}

	@PostMapping("/connectors")
	String create(@ModelAttribute NewConnectorForm form, Model model, RedirectAttributes redirect) {
		List<FieldProblem> own = new ArrayList<>();
		ConnectorRequest request = form.toRequest(own);
		List<FieldProblem> problems = own;
		try {
			if (own.isEmpty()) {
				ConnectorInfo created = this.registry.create(request);
				redirect.addFlashAttribute("message", "Created " + created.name() + ": it snapshots "
						+ String.join(", ", request.tables()) + ", then streams their changes.");
				return "redirect:/";
			}
			this.registry.check(request);
		}
		catch (ConnectorValidationException ex) {
			problems = NewConnectorForm.all(own, ex.problems());
		}
		List<TableShape> live;
		try {
			live = this.registry.sourceTables(form.source());
		}
		catch (ConnectorValidationException ex) {
			live = List.of();
		}
		return newForm(model, form, live, form.errors(problems));
	}

	@GetMapping("/connectors/{name}/edit")
	String edit(@PathVariable String name, Model model) {
		ConnectorInfo current = info(name);
		return editForm(model, current, EditConnectorForm.of(current), FormErrors.none());
	}

	@PostMapping("/connectors/{name}/edit")
	String update(@PathVariable String name, @ModelAttribute EditConnectorForm form, Model model,
			RedirectAttributes redirect) {
		ConnectorInfo current = info(name);
		List<FieldProblem> problems = new ArrayList<>();
		ConnectorUpdate update = form.toUpdate(current, problems);
		if (problems.isEmpty() && update == null) {
			redirect.addFlashAttribute("message", "Nothing to change in " + name + ".");
			return "redirect:/";
		}
		if (problems.isEmpty()) {
			try {
				this.registry.update(name, update);
				redirect.addFlashAttribute("message", "Updated " + name
						+ ": it restarts from where it was; tables it starts capturing are snapshotted.");
				return "redirect:/";
			}
			catch (ConnectorValidationException ex) {
				problems = ex.problems();
			}
			catch (ConnectorStateException ex) {
				problems = List.of(new FieldProblem("connector", ex.getMessage()));
			}
		}
		return editForm(model, current, form, form.errors(problems, current));
	}

	private ConnectorInfo info(String name) {
		try {
			return this.registry.info(name);
		}
		catch (ConnectorNotFoundException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, ex.getMessage(), ex);
		}
	}

	private String newForm(Model model, NewConnectorForm form, List<TableShape> live, FormErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("datasources", this.registry.datasourceNames());
		List<SourceTable> tables = (live != null) ? SourceTable.rows(live, form.tables(), form.excludedColumns())
				: null;
		if (tables != null) {
			errors.shownIn(SourceTable.tableNames(tables), SourceTable.columnNames(tables));
		}
		model.addAttribute("tables", tables);
		model.addAttribute("errors", errors);
		return "connector-new";
	}

	private String editForm(Model model, ConnectorInfo current, EditConnectorForm form, FormErrors errors) {
		List<TableShape> live;
		try {
			live = this.registry.sourceTables(current.name());
		}
		catch (ConnectorValidationException ex) {
			live = List.of();
			errors.general().add("The source's tables cannot be listed: " + ex.getMessage());
		}
		List<SourceTable> tables = SourceTable.rows(live, form.tables(), form.excludedColumns());
		errors.shownIn(SourceTable.tableNames(tables), SourceTable.columnNames(tables));
		model.addAttribute("connector", current);
		model.addAttribute("form", form);
		model.addAttribute("tables", tables);
		model.addAttribute("errors", errors);
		return "connector-edit";
	}

}
