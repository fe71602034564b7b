package cdcdemo.messages.list;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import cdcdemo.messages.masking.Masking;
import cdcdemo.messages.masking.View;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static cdcdemo.messages.list.TopicRequests.offered;

/**
 * The page, and the stream it listens to for new records. Only configured topics and CDC
 * topics on the broker can be read. What the page reads as JSON is
 * {@link MessageApiController}'s; what it offers to download,
 * {@link MessageDownloadController}'s. Both show the records as the user sees them
 * ({@link Masking}); only an admin, who sees masked values in clear, gets the button that
 * reveals them on screen.
 */
@Controller
class MessageListController {

	/**
	 * The page runs only its own script and style: even if some text from the database
	 * slipped through unescaped, the browser would not run it.
	 */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	private final MessagesProperties properties;

	private final RecentMessages messages;

	private final MessageStream stream;

	private final TopicArchive archive;

	private final CdcTopics topics;

	private final TopicReader reader;

	private final Masking masking;

	MessageListController(MessagesProperties properties, RecentMessages messages, MessageStream stream,
			TopicArchive archive, CdcTopics topics, TopicReader reader, Masking masking) {
		this.properties = properties;
		this.messages = messages;
		this.stream = stream;
		this.archive = archive;
		this.topics = topics;
		this.reader = reader;
		this.masking = masking;
	}

	/**
	 * The page: live (newest first), or from the position of {@code seek} (oldest first),
	 * which the address keeps so that it can be shared.
	 */
	@GetMapping("/")
	String page(@RequestParam(required = false) String topic, @RequestParam(required = false) String seek,
			@RequestParam(required = false) Integer partition, @RequestParam(required = false) Long offset,
			@RequestParam(required = false) String from, Model model, HttpServletResponse response) {
		List<String> selected = selected(topic);
		Seek position = (seek == null || seek.isBlank() || seek.equals("newest")) ? null
				: TopicRequests.seek(seek, partition, offset, from, null);
		if (topic != null && !topic.isBlank()) {
			this.reader.watch(topic);
		}
		View view = this.masking.forCurrentUser();
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		model.addAttribute("topics", selected);
		model.addAttribute("topic", (topic != null) ? topic : "");
		model.addAttribute("configuredTopics", this.properties.topics());
		model.addAttribute("capacity", this.messages.capacity());
		model.addAttribute("seek", (position != null) ? position.mode().name().toLowerCase(Locale.ROOT) : "newest");
		model.addAttribute("seekPartition", (partition != null) ? partition.toString() : "");
		model.addAttribute("seekOffset", (offset != null) ? offset.toString() : "");
		model.addAttribute("seekFrom", (from != null) ? from : "");
		if (position != null) {
			List<Message> found = new ArrayList<>();
			for (String shown : selected) {
				this.archive.slice(shown, position, 50, MessageFilter.NONE, view)
					.ifPresent((slice) -> found.addAll(slice.messages()));
			}
			model.addAttribute("messages", found);
		}
		else {
			model.addAttribute("messages", this.messages.newestFirst(view, (m) -> selected.contains(m.topic())));
		}
		model.addAttribute("maskedFields", String.join(",", this.masking.fields()));
		model.addAttribute("clearValues", view.isClear());
		model.addAttribute("maxDisplayLength", MessageMapper.MAX_DISPLAY_LENGTH);
		return "messages";
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter stream(@RequestParam(required = false) String topic) {
		if (topic != null && !topic.isBlank()) {
			offered(this.topics, topic);
		}
		// subscribed before the reader starts on a newly chosen topic: what it reads
		// from then on reaches this page, and what it read before is in the catch-up
		// the page asks for when the stream opens
		SseEmitter emitter = this.stream.subscribe(this.masking.forCurrentUser());
		if (topic != null && !topic.isBlank()) {
			this.reader.watch(topic);
		}
		return emitter;
	}

	private List<String> selected(String topic) {
		if (topic == null || topic.isBlank()) {
			return this.properties.topics();
		}
		offered(this.topics, topic);
		return List.of(topic);
	}

}
