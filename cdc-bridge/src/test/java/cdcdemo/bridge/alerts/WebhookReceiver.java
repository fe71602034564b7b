package cdcdemo.bridge.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server for the alerts' webhooks: {@code /hook} keeps every JSON body it is
 * posted and answers 204, {@code /broken} answers 500, as a receiver that is down does.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<JsonNode> received = new CopyOnWriteArrayList<>();

	private WebhookReceiver(HttpServer server) {
		this.server = server;
	}

	static WebhookReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		WebhookReceiver receiver = new WebhookReceiver(server);
		JsonMapper json = JsonMapper.builder().build();
		server.createContext("/hook", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				receiver.received.add(json.readTree(body.readAllBytes()));
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.createContext("/broken", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		server.start();
		return receiver;
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	List<JsonNode> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
