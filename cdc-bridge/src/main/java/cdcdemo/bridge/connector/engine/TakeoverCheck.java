package cdcdemo.bridge.connector.engine;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;

/**
 * Asked by a {@link ConnectorRuntime} that stood by while another bridge process streamed
 * its connector, once it has the connector's lock and before it streams: is the
 * definition it was made with still the one the bridges share? The other bridge may have
 * updated it while this one stood by (an excluded column added, say), paused it, moved it
 * to a Kafka Connect cluster or destroyed it; streaming the old one would then send what
 * the operator stopped sending, or run the connector beside its new engine.
 */
@FunctionalInterface
public interface TakeoverCheck {

	/**
	 * @param definition the definition the runtime was made with
	 * @return {@code true} to stream it; {@code false} if it changed, the runtime then
	 * streams nothing and is replaced by one made with the shared definition
	 * @throws RuntimeException if the shared definition cannot be read: the runtime
	 * streams nothing and asks again after its restart delay
	 */
	boolean stillCurrent(ConnectorDefinition definition);

}
