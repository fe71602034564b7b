package cdcdemo.bridge.connector.api;

import java.security.Principal;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cdcdemo.bridge.connector.ConnectorInfo;
import cdcdemo.bridge.connector.ConnectorNotFoundException;
import cdcdemo.bridge.connector.ConnectorRegistry;
import cdcdemo.bridge.connector.ConnectorSnapshots;
import cdcdemo.bridge.connector.ConnectorStateException;
import cdcdemo.bridge.connector.ConnectorValidationException;
import cdcdemo.bridge.connector.connect.ConnectClusters;
import cdcdemo.bridge.connector.definition.SkippedEvent;

/**
 * The bridge's page: each connector's status, tables and topics, progress, lag and
 * warnings, two small charts of its last hour of events/s and retained WAL (drawn by the
 * page's script from {@code /api/connectors/{name}/history}, package
 * {@code cdcdemo.bridge.charts}), with buttons to pause, resume, snapshot a table (and
 * stop that snapshot), skip a change Kafka refused and destroy, and links to the forms
 * that create and edit connectors ({@link ConnectorFormController}). Post-redirect-get
 * with a flash message. The page keeps itself up to date with
 * {@code static/connectors.js}, which reads {@code /api/connectors} every 2 s; without
 * JavaScript it reloads every 5 s.
 */
@Controller
class ConnectorPageController {

	private final ConnectorRegistry registry;

	private final ConnectorSnapshots snapshots;

	ConnectorPageController(ConnectorRegistry registry, ConnectorSnapshots snapshots) {
		this.registry = registry;
		this.snapshots = snapshots;
	}

	@GetMapping("/")
	String connectors(Model model) {
		model.addAttribute("connectors", this.registry.list());
		model.addAttribute("clusters", this.registry.connectClusterNames());
		return "connectors";
	}

	@PostMapping("/connectors/{name}/pause")
	String pause(@PathVariable String name, RedirectAttributes redirect) {
		return act(redirect, () -> {
			this.registry.pause(name);
			return "Paused " + name + ": its slot keeps the changes until it resumes.";
		});
	}

	/**
	 * Move a connector to a Kafka Connect cluster, or back to the embedded engine.
	 * @param name the connector
	 * @param to {@code embedded} or a cluster's name
	 * @param redirect for the message
	 * @return back to the page
	 */
	@PostMapping("/connectors/{name}/move")
	String move(@PathVariable String name, @RequestParam String to, RedirectAttributes redirect) {
		return act(redirect, () -> {
			boolean embedded = ConnectClusters.EMBEDDED.equals(to);
			this.registry.move(name, embedded ? ConnectClusters.EMBEDDED : ConnectClusters.KAFKA_CONNECT,
					embedded ? null : to);
			return "Moved " + name + " to " + (embedded ? "the embedded engine" : "the Kafka Connect cluster " + to)
					+ ", from its committed position, with the same slot and topics.";
		});
	}

	@PostMapping("/connectors/{name}/resume")
	String resume(@PathVariable String name, RedirectAttributes redirect) {
		return act(redirect, () -> {
			this.registry.resume(name);
			return "Resumed " + name + ".";
		});
	}

	@PostMapping("/connectors/{name}/snapshot")
	String snapshot(@PathVariable String name, @RequestParam String table, @RequestParam(required = false) String where,
			RedirectAttributes redirect) {
		return act(redirect, () -> this.snapshots.snapshot(name, table, where));
	}

	@PostMapping("/connectors/{name}/snapshot/stop")
	String stopSnapshot(@PathVariable String name, RedirectAttributes redirect) {
		return act(redirect, () -> {
			ConnectorInfo info = this.snapshots.stopSnapshot(name);
			return "Stopped the snapshot of " + name + " after " + info.snapshot().stopped().rowsRead()
					+ " rows: those were published, the rest are not read again; " + name
					+ " starts again and streams from where the snapshot paused it.";
		});
	}

	@PostMapping("/connectors/{name}/skip")
	String skip(@PathVariable String name, Principal who, RedirectAttributes redirect) {
		return act(redirect, () -> {
			ConnectorInfo info = this.registry.skip(name, who.getName());
			SkippedEvent skipped = info.delivery().skipped().get(info.delivery().skipped().size() - 1);
			return "Skipped the change on " + skipped.topic() + " with key " + skipped.key()
					+ "; a reference record goes to " + skipped.topic() + ".DLT and " + name + " goes on.";
		});
	}

	/**
	 * Destroy asks for the name to be typed, on a page of its own: the connectors page
	 * updates itself (and reloads every five seconds without JavaScript), which would
	 * wipe a half-typed name.
	 * @param name the connector
	 * @param model the model
	 * @return the page
	 */
	@GetMapping("/connectors/{name}/destroy")
	String confirmDestroy(@PathVariable String name, Model model) {
		try {
			model.addAttribute("connector", this.registry.info(name));
		}
		catch (ConnectorNotFoundException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, ex.getMessage(), ex);
		}
		return "connector-destroy";
	}

	@PostMapping("/connectors/{name}/destroy")
	String destroy(@PathVariable String name, @RequestParam(defaultValue = "") String confirmation,
			RedirectAttributes redirect) {
		if (!name.equals(confirmation.strip())) {
			redirect.addFlashAttribute("error",
					"Nothing destroyed: type the connector's name, " + name + ", to destroy it"
							+ (confirmation.isBlank() ? "." : " ('" + confirmation.strip() + "' was typed)."));
			return "redirect:/connectors/{name}/destroy";
		}
		return act(redirect, () -> this.registry.destroy(name).message());
	}

	private String act(RedirectAttributes redirect, Supplier<String> action) {
		try {
			redirect.addFlashAttribute("message", action.get());
		}
		catch (ConnectorNotFoundException | ConnectorValidationException | ConnectorStateException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/";
	}

}
