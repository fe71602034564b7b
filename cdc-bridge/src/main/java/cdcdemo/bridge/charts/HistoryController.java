package cdcdemo.bridge.charts;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cdcdemo.bridge.connector.ConnectorNotFoundException;
import cdcdemo.bridge.connector.ConnectorRegistry;

/**
 * {@code GET /api/connectors/{name}/history}: a connector's last hour of events/s,
 * retained WAL and lag ({@link ConnectorHistory}), which the bridge page draws. A viewer
 * may read it, as every {@code GET} of the API. A connector created since the last sample
 * has none yet: only then is the registry asked whether it exists, and an unknown
 * connector is answered 404 with a problem detail, as the rest of the API does.
 */
@RestController
class HistoryController {

	private final ConnectorHistories histories;

	private final ConnectorRegistry registry;

	HistoryController(ConnectorHistories histories, ConnectorRegistry registry) {
		this.histories = histories;
		this.registry = registry;
	}

	@GetMapping("/api/connectors/{name}/history")
	ConnectorHistory history(@PathVariable String name) {
		ConnectorHistory history = this.histories.history(name);
		if (history != null) {
			return history;
		}
		this.registry.info(name);
		return this.histories.none(name);
	}

	@ExceptionHandler
	ProblemDetail notFound(ConnectorNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

}
