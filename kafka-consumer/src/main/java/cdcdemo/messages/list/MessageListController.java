package cdcdemo.messages.list;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The page, the same list as JSON, and the stream the page listens to for new records.
 */
@Controller
class MessageListController {

	private final MessagesProperties properties;

	private final RecentMessages messages;

	private final MessageStream stream;

	MessageListController(MessagesProperties properties, RecentMessages messages, MessageStream stream) {
		this.properties = properties;
		this.messages = messages;
		this.stream = stream;
	}

	@GetMapping("/")
	String page(Model model) {
		model.addAttribute("topics", this.properties.topics());
		model.addAttribute("capacity", this.messages.capacity());
		model.addAttribute("messages", this.messages.newestFirst());
		model.addAttribute("maxDisplayLength", MessageMapper.MAX_DISPLAY_LENGTH);
		return "messages";
	}

	@GetMapping(path = "/api/messages", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	List<Message> list() {
		return this.messages.newestFirst();
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter stream() {
		return this.stream.subscribe();
	}

}
