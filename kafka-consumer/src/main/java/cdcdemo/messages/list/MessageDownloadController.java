package cdcdemo.messages.list;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import cdcdemo.messages.list.CdcTopics.CdcTopic;
import cdcdemo.messages.list.TopicExport.Format;
import cdcdemo.messages.masking.Masking;
import cdcdemo.messages.masking.View;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import static cdcdemo.messages.list.TopicRequests.notFound;
import static cdcdemo.messages.list.TopicRequests.offered;

/**
 * What the page offers to download rather than show: an export of a topic, and one
 * record's whole value. Both are served so that no browser runs or renders them as a page
 * ({@code nosniff}, never cached), and as the user sees them ({@link Masking}).
 */
@Controller
class MessageDownloadController {

	private final TopicArchive archive;

	private final CdcTopics topics;

	private final TopicExport export;

	private final Masking masking;

	MessageDownloadController(TopicArchive archive, CdcTopics topics, TopicExport export, Masking masking) {
		this.archive = archive;
		this.topics = topics;
		this.export = export;
		this.masking = masking;
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
		offered(this.topics, topic);
		Seek position = TopicRequests.seek(seek, partition, offset, from, positions);
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
		// asked here, on the request's thread: the body is written on another
		View view = this.masking.forCurrentUser();
		String filename = topic.replaceAll("[^A-Za-z0-9._-]", "_") + "." + chosen.extension;
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(chosen.contentType + ";charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.cacheControl(CacheControl.noStore())
			.body((out) -> this.export.write(topic, position, filter, chosen, view, out));
	}

	/**
	 * One record's whole value, as plain text that no browser would run or render as a
	 * page.
	 */
	@GetMapping(path = "/api/value")
	ResponseEntity<String> value(@RequestParam String topic, @RequestParam int partition, @RequestParam long offset) {
		offered(this.topics, topic);
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
			.body(this.masking.forCurrentUser().text(record.value()));
	}

}
