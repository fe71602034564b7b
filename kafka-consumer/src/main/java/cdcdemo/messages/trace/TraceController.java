package cdcdemo.messages.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cdcdemo.events.MalformedChangeEventException;
import cdcdemo.events.reactions.Reaction;
import cdcdemo.events.reactions.ReactionKey;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The trace of one change, as a page and as JSON, and the reactions to a page of events
 * for the message list, which shows them under each event.
 */
@Controller
class TraceController {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	/** How many events one request for reactions may name. */
	private static final int MAX_EVENTS = 500;

	private final ChangeRecords changes;

	private final Reactions reactions;

	TraceController(ChangeRecords changes, Reactions reactions) {
		this.changes = changes;
		this.reactions = reactions;
	}

	@GetMapping("/trace")
	String page(@RequestParam String topic, @RequestParam int partition, @RequestParam long offset, Model model,
			HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		model.addAttribute("trace", trace(topic, partition, offset));
		return "trace";
	}

	@GetMapping(path = "/api/trace", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Trace trace(@RequestParam String topic, @RequestParam int partition, @RequestParam long offset) {
		ReactionKey event = new ReactionKey(topic, partition, offset);
		try {
			return this.changes.read(event)
				.map((change) -> Trace.of(change, this.reactions.of(event)))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
						"no change event at " + TracedChange.where(event)));
		}
		catch (RetriableException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"Kafka did not answer in time (" + ex.getMessage() + "): try again when it is up", ex);
		}
		catch (MalformedChangeEventException ex) {
			throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
					"the record at " + TracedChange.where(event) + " is no change event: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The reactions to events of one partition, by offset; events without any are left
	 * out.
	 */
	@GetMapping(path = "/api/reactions", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<Long, List<Reaction>> reactions(@RequestParam String topic, @RequestParam int partition,
			@RequestParam List<Long> offset) {
		if (offset.size() > MAX_EVENTS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"at most " + MAX_EVENTS + " offsets per request, not " + offset.size());
		}
		Map<Long, List<Reaction>> found = new LinkedHashMap<>();
		for (long each : offset) {
			List<Reaction> of = this.reactions.of(new ReactionKey(topic, partition, each));
			if (!of.isEmpty()) {
				found.put(each, of);
			}
		}
		return found;
	}

}
