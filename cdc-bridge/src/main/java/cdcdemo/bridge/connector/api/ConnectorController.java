package cdcdemo.bridge.connector.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DurationFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import cdcdemo.bridge.connector.ConnectorInfo;
import cdcdemo.bridge.connector.ConnectorRegistry;
import cdcdemo.bridge.connector.ConnectorSnapshots;
import cdcdemo.bridge.connector.ConnectorRequest;
import cdcdemo.bridge.connector.ConnectorUpdate;
import cdcdemo.bridge.connector.DestroyedConnector;

/**
 * The connector lifecycle over HTTP and JSON. Errors are RFC 9457 problem details naming
 * the field at fault (see {@link ConnectorErrors}).
 */
@RestController
@RequestMapping("/api/connectors")
class ConnectorController {

	private final ConnectorRegistry registry;

	private final ConnectorSnapshots snapshots;

	ConnectorController(ConnectorRegistry registry, ConnectorSnapshots snapshots) {
		this.registry = registry;
		this.snapshots = snapshots;
	}

	@GetMapping
	List<ConnectorInfo> list() {
		return this.registry.list();
	}

	@PostMapping
	ResponseEntity<ConnectorInfo> create(@RequestBody ConnectorRequest request, UriComponentsBuilder uri) {
		ConnectorInfo created = this.registry.create(request);
		return ResponseEntity.created(uri.path("/api/connectors/{name}").build(created.name())).body(created);
	}

	@GetMapping("/{name}")
	ConnectorInfo info(@PathVariable String name) {
		return this.registry.info(name);
	}

	/**
	 * The same connector for a Kafka Connect worker: post this to its REST API
	 * ({@code PUT /connectors/<name>/config}). The password is a config-provider
	 * reference, not the value.
	 * @param name the connector
	 * @return the Debezium PostgreSQL connector configuration
	 */
	@GetMapping("/{name}/kafka-connect")
	Map<String, Object> kafkaConnect(@PathVariable String name) {
		return Map.of("name", name, "config", this.registry.kafkaConnectConfig(name));
	}

	@GetMapping("/{name}/wait")
	ResponseEntity<ConnectorInfo> await(@PathVariable String name,
			@RequestParam(defaultValue = "60s") @DurationFormat(style = DurationFormat.Style.SIMPLE) Duration timeout) {
		ConnectorInfo info = this.registry.await(name,
				timeout.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : timeout);
		return "available".equals(info.status()) ? ResponseEntity.ok(info)
				: ResponseEntity.status(HttpStatus.ACCEPTED).body(info);
	}

	/**
	 * An on-demand snapshot of one table.
	 * @param name the connector
	 * @param request {@code {"table": "public.users"}}, with {@code "where": "id > 1000"}
	 * to read only the rows that match
	 * @return 202 with what was requested
	 */
	@PostMapping("/{name}/snapshots")
	ResponseEntity<Map<String, String>> snapshot(@PathVariable String name, @RequestBody Map<String, String> request) {
		return ResponseEntity.accepted()
			.body(Map.of("message", this.snapshots.snapshot(name, request.get("table"), request.get("where"))));
	}

	/**
	 * Stop the on-demand snapshot a connector is taking (see
	 * {@link ConnectorSnapshots#stopSnapshot}): the connector starts again and streams
	 * from where the snapshot paused it.
	 * @param name the connector
	 * @return 202 with its info, its snapshot {@code stopped} and the connector starting
	 * again; 409 if no on-demand snapshot is running
	 */
	@DeleteMapping("/{name}/snapshots")
	ResponseEntity<ConnectorInfo> stopSnapshot(@PathVariable String name) {
		return ResponseEntity.accepted().body(this.snapshots.stopSnapshot(name));
	}

	@PatchMapping("/{name}")
	ConnectorInfo update(@PathVariable String name, @RequestBody ConnectorUpdate update) {
		return this.registry.update(name, update);
	}

	@PostMapping("/{name}/pause")
	ConnectorInfo pause(@PathVariable String name) {
		return this.registry.pause(name);
	}

	@PostMapping("/{name}/resume")
	ConnectorInfo resume(@PathVariable String name) {
		return this.registry.resume(name);
	}

	/**
	 * Skip the change event Kafka refused, which stopped the connector (see
	 * {@link ConnectorRegistry#skip}).
	 * @param name the connector
	 * @param who the caller, recorded with the skip
	 * @return its info afterwards; 409 if the connector has no refused event
	 */
	@PostMapping("/{name}/skip")
	ConnectorInfo skip(@PathVariable String name, java.security.Principal who) {
		return this.registry.skip(name, who.getName());
	}

	/**
	 * Move a running connector to another engine (see {@link ConnectorRegistry#move}).
	 * @param name the connector
	 * @param request {@code {"engine": "kafka-connect", "cluster": "scale"}} or
	 * {@code {"engine": "embedded"}}
	 * @return its info, starting on the other engine; 400 if that engine cannot take it,
	 * 409 if it runs there already or is in its initial snapshot
	 */
	@PostMapping("/{name}/move")
	ConnectorInfo move(@PathVariable String name, @RequestBody Map<String, String> request) {
		return this.registry.move(name, request.get("engine"), request.get("cluster"));
	}

	@DeleteMapping("/{name}")
	DestroyedConnector destroy(@PathVariable String name) {
		return this.registry.destroy(name);
	}

}
