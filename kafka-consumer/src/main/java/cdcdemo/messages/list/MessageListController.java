package cdcdemo.messages.list;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import cdcdemo.messages.list.CdcTopics.CdcTopic;
import cdcdemo.messages.list.HistoryReader.History;
import cdcdemo.messages.list.PageReader.Page;
import cdcdemo.messages.list.SliceReader.Slice;

import cdcdemo.messages.list.TopicExport.Format;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The page; the live list, older pages, a key's history and whole values as JSON; the
 * topics to choose from; and the stream the page listens to for new records. Only
 * configured topics and CDC topics on the broker can be read.
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

	private final TopicExport export;

	MessageListController(MessagesProperties properties, RecentMessages messages, MessageStream stream,
			TopicArchive archive, CdcTopics topics, TopicReader reader, TopicExport export) {
		this.export = export;
		this.properties = properties;
		this.messages = messages;
		this.stream = stream;
		this.archive = archive;
		this.topics = topics;
		this.reader = reader;
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
				: seek(seek, partition, offset, from, null);
		if (topic != null && !topic.isBlank()) {
			this.reader.watch(topic);
		}
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
				this.archive.slice(shown, position, 50, MessageFilter.NONE)
					.ifPresent((slice) -> found.addAll(slice.messages()));
			}
			model.addAttribute("messages", found);
		}
		else {
			model.addAttribute("messages", this.messages.newestFirst((m) -> selected.contains(m.topic())));
		}
		model.addAttribute("maskedFields", String.join(",", this.properties.maskedFields()));
		model.addAttribute("maxDisplayLength", MessageMapper.MAX_DISPLAY_LENGTH);
		return "messages";
	}

	/**
	 * The newest records read live, newest first.
	 */
	@GetMapping(path = "/api/messages", params = "!partition", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	List<Message> list(@RequestParam(required = false) List<String> topic, @RequestParam(required = false) String op,
			@RequestParam(required = false) String table, @RequestParam(required = false) String key,
			@RequestParam(required = false) String text, @RequestParam(required = false) String header) {
		MessageFilter filter = new MessageFilter(op, table, key, text, header);
		return this.messages
			.newestFirst((m) -> (topic == null || topic.isEmpty() || topic.contains(m.topic())) && filter.test(m));
	}

	/**
	 * A page of older records of one partition, read from Kafka.
	 */
	@GetMapping(path = "/api/messages", params = "partition", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Page page(@RequestParam String topic, @RequestParam int partition, @RequestParam(required = false) Long before,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String op,
			@RequestParam(required = false) String table, @RequestParam(required = false) String key,
			@RequestParam(required = false) String text, @RequestParam(required = false) String header) {
		offered(topic);
		return this.archive.page(topic, partition, before, limit, new MessageFilter(op, table, key, text, header))
			.orElseThrow(() -> notFound("no partition " + partition + " of " + topic));
	}

	/**
	 * The records from a position on, oldest first, read from Kafka: the oldest or
	 * newest, from an offset of one partition, from an instant (the first record at or
	 * after it in each partition), or where a previous slice stopped
	 * ({@code seek=continue&positions=} its {@code next}).
	 */
	@GetMapping(path = "/api/seek", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Slice seek(@RequestParam String topic, @RequestParam(defaultValue = "oldest") String seek,
			@RequestParam(required = false) Integer partition, @RequestParam(required = false) Long offset,
			@RequestParam(required = false) String from, @RequestParam(required = false) String positions,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String op,
			@RequestParam(required = false) String table, @RequestParam(required = false) String key,
			@RequestParam(required = false) String text, @RequestParam(required = false) String header) {
		offered(topic);
		Seek position = seek(seek, partition, offset, from, positions);
		return this.archive.slice(topic, position, limit, new MessageFilter(op, table, key, text, header))
			.orElseThrow(() -> notFound(
					(partition != null) ? "no partition " + partition + " of " + topic : "no topic " + topic));
	}

	/**
	 * What the filters select, from the position sought (the oldest records by default)
	 * to the end of the moment the export starts, as JSON lines or CSV, streamed: the
	 * export holds one poll of records in memory, whatever the topic's size.
	 */
	@GetMapping(path = "/api/export")
	ResponseEntity<StreamingResponseBody> export(@RequestParam String topic,
			@RequestParam(defaultValue = "jsonl") String format, @RequestParam(defaultValue = "oldest") String seek,
			@RequestParam(required = false) Integer partition, @RequestParam(required = false) Long offset,
			@RequestParam(required = false) String from, @RequestParam(required = false) String positions,
			@RequestParam(required = false) String op, @RequestParam(required = false) String table,
			@RequestParam(required = false) String key, @RequestParam(required = false) String text,
			@RequestParam(required = false) String header) {
		offered(topic);
		Seek position = seek(seek, partition, offset, from, positions);
		Format chosen;
		try {
			chosen = Format.of(format);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		int partitions = this.topics.list()
			.stream()
			.filter((candidate) -> candidate.name().equals(topic))
			.mapToInt(CdcTopic::partitions)
			.findFirst()
			.orElse(0);
		if (partitions == 0 || (partition != null && partition >= partitions)) {
			throw notFound((partition != null) ? "no partition " + partition + " of " + topic : "no topic " + topic);
		}
		MessageFilter filter = new MessageFilter(op, table, key, text, header);
		String filename = topic.replaceAll("[^A-Za-z0-9._-]", "_") + "." + chosen.extension;
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(chosen.contentType + ";charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.cacheControl(CacheControl.noStore())
			.body((out) -> this.export.write(topic, position, filter, chosen, out));
	}

	/**
	 * Every record of one key (one row of the table), oldest first, read from Kafka: at
	 * the offsets the key index gives, or by scanning where it does not cover the topic
	 * ({@code index=false} scans all of it, for comparison).
	 */
	@GetMapping(path = "/api/history", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	History history(@RequestParam String topic, @RequestParam String key,
			@RequestParam(defaultValue = "true") boolean index) {
		offered(topic);
		return this.archive.history(topic, key, index).orElseThrow(() -> notFound("no topic " + topic));
	}

	/**
	 * One record's whole value, as plain text that no browser would run or render as a
	 * page.
	 */
	@GetMapping(path = "/api/value")
	ResponseEntity<String> value(@RequestParam String topic, @RequestParam int partition, @RequestParam long offset) {
		offered(topic);
		ConsumerRecord<String, String> record = this.archive.record(topic, partition, offset)
			.orElseThrow(() -> notFound("no record at " + topic + "/" + partition + "/" + offset));
		if (record.value() == null) {
			return ResponseEntity.noContent().build();
		}
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.cacheControl(CacheControl.noStore())
			.body(record.value());
	}

	@GetMapping(path = "/api/topics", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	List<CdcTopic> topics() {
		return this.topics.list();
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter stream(@RequestParam(required = false) String topic) {
		if (topic != null && !topic.isBlank()) {
			offered(topic);
		}
		// subscribed before the reader starts on a newly chosen topic: what it reads from
		// then on reaches this page,
		// and what it read before is in the catch-up the page asks for when the stream
		// opens
		SseEmitter emitter = this.stream.subscribe();
		if (topic != null && !topic.isBlank()) {
			this.reader.watch(topic);
		}
		return emitter;
	}

	private List<String> selected(String topic) {
		if (topic == null || topic.isBlank()) {
			return this.properties.topics();
		}
		offered(topic);
		return List.of(topic);
	}

	private void offered(String topic) {
		if (!this.topics.offers(topic)) {
			throw notFound("no CDC topic " + topic);
		}
	}

	private static Seek seek(String seek, Integer partition, Long offset, String from, String positions) {
		try {
			return Seek.parse(seek, partition, offset, from, positions);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	private static ResponseStatusException notFound(String reason) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
	}

}
