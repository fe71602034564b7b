package cdcdemo.bridge.topics;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every topic of the bridge's Kafka cluster with messages and bytes per second, and one
 * topic's details.
 */
@RestController
@RequestMapping("/api/topics")
class TopicsController {

	private final TopicsMonitor monitor;

	TopicsController(TopicsMonitor monitor) {
		this.monitor = monitor;
	}

	@GetMapping
	List<TopicStats> topics() {
		return this.monitor.topics();
	}

	@GetMapping("/{name}")
	TopicStats topic(@PathVariable String name) {
		return this.monitor.topics()
			.stream()
			.filter((topic) -> topic.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no topic '" + name + "'"));
	}

}
