package cdcdemo.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Resolves a configured port: 0 becomes a port that is free right now on the loopback
 * interface.
 */
public final class FreePort {

	private FreePort() {
	}

	public static int orAny(int port) {
		if (port != 0) {
			return port;
		}
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
