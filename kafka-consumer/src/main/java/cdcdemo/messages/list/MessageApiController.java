package cdcdemo.messages.list;

import java.util.List;

import cdcdemo.messages.list.CdcTopics.CdcTopic;
import cdcdemo.messages.list.HistoryReader.History;
import cdcdemo.messages.list.PageReader.Page;
import cdcdemo.messages.list.SliceReader.Slice;
import cdcdemo.messages.masking.Masking;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static cdcdemo.messages.list.TopicRequests.notFound;
import static cdcdemo.messages.list.TopicRequests.offered;

/**
 * The JSON the page reads: the live list, older pages, slices from a position, a key's
 * history, and the topics to choose from. Only configured topics and CDC topics on the
 * broker can be read. Every answer holds the records as the user sees them
 * ({@link Masking}), and the filters look at just that: a viewer cannot find a record by
 * a masked value.
 */
@RestController
class MessageApiController {

	private final RecentMessages messages;

	private final TopicArchive archive;

	private final CdcTopics topics;

	private final Masking masking;

	MessageApiController(RecentMessages messages, TopicArchive archive, CdcTopics topics, Masking masking) {
		this.messages = messages;
		this.archive = archive;
		this.topics = topics;
		this.masking = masking;
	}

	/**
	 * The newest records read live, newest first.
	 */
	@GetMapping(path = "/api/messages", params = "!partition", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Message> list(@RequestParam(required = false) List<String> topic, @RequestParam(required = false) String op,
			@RequestParam(required = false) String table, @RequestParam(required = false) String key,
			@RequestParam(required = false) String text, @RequestParam(required = false) String header) {
		MessageFilter filter = new MessageFilter(op, table, key, text, header);
		return this.messages.newestFirst(this.masking.forCurrentUser(),
				(m) -> (topic == null || topic.isEmpty() || topic.contains(m.topic())) && filter.test(m));
	}

	/**
	 * A page of older records of one partition, read from Kafka.
	 */
	@GetMapping(path = "/api/messages", params = "partition", produces = MediaType.APPLICATION_JSON_VALUE)
	Page page(@RequestParam String topic, @RequestParam int partition, @RequestParam(required = false) Long before,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String op,
			@RequestParam(required = false) String table, @RequestParam(required = false) String key,
			@RequestParam(required = false) String text, @RequestParam(required = false) String header) {
		offered(this.topics, topic);
		return this.archive
			.page(topic, partition, before, limit, new MessageFilter(op, table, key, text, header),
					this.masking.forCurrentUser())
			.orElseThrow(() -> notFound("no partition " + partition + " of " + topic));
	}

	/**
	 * The records from a position on, oldest first, read from Kafka: the oldest or
	 * newest, from an offset of one partition, from an instant (the first record at or
	 * after it in each partition), or where a previous slice stopped
	 * ({@code seek=continue&positions=} its {@code next}).
	 */
	@GetMapping(path = "/api/seek", produces = MediaType.APPLICATION_JSON_VALUE)
	Slice seek(@RequestParam String topic, @RequestParam(defaultValue = "oldest") String seek,
			@RequestParam(required = false) Integer partition, @RequestParam(required = false) Long offset,
			@RequestParam(required = false) String from, @RequestParam(required = false) String positions,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String op,
			@RequestParam(required = false) String table, @RequestParam(required = false) String key,
			@RequestParam(required = false) String text, @RequestParam(required = false) String header) {
		offered(this.topics, topic);
		Seek position = TopicRequests.seek(seek, partition, offset, from, positions);
		return this.archive
			.slice(topic, position, limit, new MessageFilter(op, table, key, text, header),
					this.masking.forCurrentUser())
			.orElseThrow(() -> notFound(
					(partition != null) ? "no partition " + partition + " of " + topic : "no topic " + topic));
	}

	/**
	 * Every record of one key (one row of the table), oldest first, read from Kafka: at
	 * the offsets the key index gives, or by scanning where it does not cover the topic
	 * ({@code index=false} scans all of it, for comparison).
	 */
	@GetMapping(path = "/api/history", produces = MediaType.APPLICATION_JSON_VALUE)
	History history(@RequestParam String topic, @RequestParam String key,
			@RequestParam(defaultValue = "true") boolean index) {
		offered(this.topics, topic);
		return this.archive.history(topic, key, index, this.masking.forCurrentUser())
			.orElseThrow(() -> notFound("no topic " + topic));
	}

	@GetMapping(path = "/api/topics", produces = MediaType.APPLICATION_JSON_VALUE)
	List<CdcTopic> topics() {
		return this.topics.list();
	}

}
