package cdcdemo.messages.list;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import cdcdemo.messages.masking.View;

import org.springframework.stereotype.Component;

/**
 * Writes what the filters select to a stream, as JSON lines or CSV, one Kafka poll at a
 * time: a page of records is read, filtered, written and dropped before the next is read,
 * so an export of any size holds one page in memory. The export reads from the position
 * sought (the oldest records by default) to the end offsets of the moment it started:
 * records that arrive meanwhile are not in it, so it ends. Records are filtered and
 * written as the {@link View} of the user who asked shows them.
 */
@Component
class TopicExport {

	private static final Logger log = LoggerFactory.getLogger(TopicExport.class);

	/** How many records one poll, and so the export, holds at most. */
	static final int PAGE_SIZE = 500;

	private final ArchiveConsumers consumers;

	private final MessageMapper mapper;

	private final JsonMapper json;

	private final CsvMapper csv = new CsvMapper();

	private final MessagesProperties properties;

	TopicExport(ArchiveConsumers consumers, MessageMapper mapper, JsonMapper json, MessagesProperties properties) {
		this.consumers = consumers;
		this.mapper = mapper;
		this.json = json;
		this.properties = properties;
	}

	/**
	 * Writes the selected records, oldest first per partition.
	 * @param topic the topic
	 * @param seek where to start
	 * @param filter which records to write
	 * @param format the format
	 * @param view what the user sees
	 * @param out where to write; not closed
	 * @return how many records were written
	 * @throws IOException when the viewer goes away
	 */
	long write(String topic, Seek seek, MessageFilter filter, Format format, View view, OutputStream out)
			throws IOException {
		long read = 0;
		long written = 0;
		long pages = 0;
		int largestPage = 0;
		try (KafkaConsumer<String, String> consumer = this.consumers.consumer(PAGE_SIZE);
				SequenceWriter writer = writer(format, out)) {
			List<PartitionInfo> partitions = consumer.partitionsFor(topic, this.properties.readTimeout());
			List<TopicPartition> tps = partitions.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.filter((tp) -> seek.partition() == null || tp.partition() == seek.partition())
				.filter((tp) -> seek.mode() != Seek.Mode.CONTINUE || seek.positions().containsKey(tp.partition()))
				.toList();
			consumer.assign(tps);
			Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(tps));
			Map<TopicPartition, Long> starts = SliceReader.starts(consumer, seek, PAGE_SIZE, tps,
					consumer.beginningOffsets(tps), ends);
			starts.forEach(consumer::seek);
			ends.entrySet().removeIf((end) -> starts.get(end.getKey()) >= end.getValue());
			long idleSince = System.nanoTime();
			while (!ends.isEmpty()) {
				ConsumerRecords<String, String> page = consumer.poll(Duration.ofMillis(200));
				if (!page.isEmpty()) {
					pages++;
					largestPage = Math.max(largestPage, page.count());
					idleSince = System.nanoTime();
				}
				else if (System.nanoTime() - idleSince > this.properties.readTimeout().toNanos()) {
					log.warn("Export of {} stopped: nothing read for {}", topic, this.properties.readTimeout());
					break;
				}
				for (ConsumerRecord<String, String> record : page) {
					Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
					if (end == null || record.offset() >= end) {
						continue;
					}
					read++;
					Message message = this.mapper.map(record, view);
					if (filter.test(message)) {
						Exported exported = Exported.of(record, message, view);
						writer.write((format == Format.CSV) ? exported.row(this.json) : exported);
						written++;
					}
				}
				writer.flush();
				ends.entrySet().removeIf((end) -> consumer.position(end.getKey()) >= end.getValue());
			}
		}
		log.info("Exported {} of {} records read from {} as {}, in {} pages of at most {} records", written, read,
				topic, format.name().toLowerCase(Locale.ROOT), pages, largestPage);
		return written;
	}

	private SequenceWriter writer(Format format, OutputStream out) {
		if (format == Format.CSV) {
			CsvSchema schema = CsvSchema.builder()
				.addColumns(
						List.of("topic", "partition", "offset", "timestamp", "op", "table", "key", "headers", "value"),
						CsvSchema.ColumnType.STRING)
				.build()
				.withHeader();
			return this.csv.writer(schema).writeValues(out);
		}
		return this.json.writer().withRootValueSeparator("\n").writeValues(out);
	}

	/**
	 * The export formats.
	 */
	enum Format {

		/** One JSON object per line ({@code application/x-ndjson}). */
		JSONL("application/x-ndjson", "jsonl"),

		/** A header line, then one line per record ({@code text/csv}). */
		CSV("text/csv", "csv");

		final String contentType;

		final String extension;

		Format(String contentType, String extension) {
			this.contentType = contentType;
			this.extension = extension;
		}

		static Format of(String format) {
			for (Format candidate : values()) {
				if (candidate.extension.equalsIgnoreCase(format)) {
					return candidate;
				}
			}
			throw new IllegalArgumentException("format must be jsonl or csv, was '" + format + "'");
		}

	}

	/**
	 * One exported record: where it is, what it is, and its key, headers and value as
	 * sent (the whole value, not the shortened one the page shows), as the view shows
	 * them.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param offset the offset
	 * @param timestamp the record timestamp
	 * @param op the change event's op code, {@code tombstone} or {@code raw}
	 * @param table {@code schema.table} of a change event
	 * @param key the key as sent
	 * @param headers the headers, values read as UTF-8
	 * @param value the value as sent, {@code null} for a tombstone
	 */
	record Exported(String topic, int partition, long offset, String timestamp, String op, String table, String key,
			Map<String, String> headers, String value) {

		static Exported of(ConsumerRecord<String, String> record, Message message, View view) {
			Map<String, String> headers = new LinkedHashMap<>();
			message.headers().forEach((header) -> headers.put(header.key(), header.value()));
			String op = message.tombstone() ? "tombstone" : (message.malformed() ? "raw" : message.op());
			// a value too long to travel with the message is masked from the record
			String value = (message.value() != null) ? message.value() : view.text(record.value());
			return new Exported(record.topic(), record.partition(), record.offset(), message.timestamp().toString(), op,
					message.table(), message.key(), headers, value);
		}

		/**
		 * The record as a CSV row: the headers become one column holding a JSON object.
		 * @param json writes the headers
		 * @return the columns in the order of the CSV header
		 */
		Object[] row(JsonMapper json) {
			return new Object[] { this.topic, this.partition, this.offset, this.timestamp, this.op, this.table,
					this.key, json.writeValueAsString(this.headers), this.value };
		}

	}

}
