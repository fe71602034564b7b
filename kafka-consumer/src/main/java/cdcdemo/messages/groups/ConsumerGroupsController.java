package cdcdemo.messages.groups;

import jakarta.servlet.http.HttpServletResponse;

import cdcdemo.messages.groups.ConsumerGroups.TopicGroups;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The consumer groups of a topic, as a page that refreshes itself and as JSON. Kafka's
 * internal topics are not offered.
 */
@Controller
class ConsumerGroupsController {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	private final ConsumerGroups groups;

	private final String defaultTopic;

	ConsumerGroupsController(ConsumerGroups groups, @Value("${messages.topics}") String topics) {
		this.groups = groups;
		this.defaultTopic = topics.split(",")[0].trim();
	}

	@GetMapping("/groups")
	String page(@RequestParam(required = false) String topic, Model model, HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		model.addAttribute("view", read(topic));
		return "groups";
	}

	@GetMapping(path = "/api/groups", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	TopicGroups groups(@RequestParam(required = false) String topic) {
		return read(topic);
	}

	private TopicGroups read(String topic) {
		String wanted = (topic == null || topic.isBlank()) ? this.defaultTopic : topic.trim();
		if (wanted.startsWith("__")) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Kafka's internal topic " + wanted + " is not shown");
		}
		return this.groups.of(wanted)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no topic " + wanted));
	}

}
