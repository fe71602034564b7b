package cdcdemo.platform.apps;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * The smallest app the supervisor can look after: a JVM of its own that answers
 * {@code /actuator/health} with UP on {@code PORT}, as the platform's apps do, or exits
 * at once with {@code EXIT_AT_ONCE} to play an app that cannot start. The real apps
 * cannot serve here: their modules depend on this one.
 */
public final class HealthyApp {

	private HealthyApp() {
	}

	public static void main(String[] args) throws IOException {
		String exitAtOnce = System.getenv("EXIT_AT_ONCE");
		if (exitAtOnce != null) {
			System.out.println("exiting at once with " + exitAtOnce);
			System.exit(Integer.parseInt(exitAtOnce));
		}
		int port = Integer.parseInt(System.getenv("PORT"));
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		server.createContext("/actuator/health", (exchange) -> {
			byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		System.out.println("healthy on " + port);
	}

}
