package cdcdemo.messages.list;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * What every endpoint of the list checks in a request, shared by
 * {@link MessageListController}, {@link MessageApiController} and
 * {@link MessageDownloadController}: only configured topics and CDC topics on the broker
 * can be read (any other is a 404), and a position that cannot be parsed is a 400.
 */
final class TopicRequests {

	private TopicRequests() {
	}

	static void offered(CdcTopics topics, String topic) {
		if (!topics.offers(topic)) {
			throw notFound("no CDC topic " + topic);
		}
	}

	static Seek seek(String seek, Integer partition, Long offset, String from, String positions) {
		try {
			return Seek.parse(seek, partition, offset, from, positions);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	static ResponseStatusException notFound(String reason) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
	}

}
