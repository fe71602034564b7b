package cdcdemo.bridge.connector;

import java.util.ArrayList;
import java.util.List;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;

/**
 * What destroying a connector did, as the API answers it.
 *
 * @param name the connector
 * @param slotDropped whether its replication slot was dropped
 * @param publicationDropped whether its publication was dropped (only one the bridge
 * created)
 * @param topicsKept the topics, which are kept with their events
 * @param message a sentence saying so
 */
public record DestroyedConnector(String name, boolean slotDropped, boolean publicationDropped, List<String> topicsKept,
		String message) {

	static DestroyedConnector of(ConnectorDefinition definition, SourceDdl.Dropped dropped, boolean positionForgotten,
			String offsetsTopic) {
		String name = definition.name();
		List<String> topics = new ArrayList<>(definition.topics());
		topics.add(definition.heartbeatTopic());
		return new DestroyedConnector(name, dropped.slot(), dropped.publication(), topics, "Connector " + name
				+ " destroyed: replication slot " + (dropped.slot() ? "dropped" : "not found") + ", publication "
				+ (dropped.publication() ? "dropped" : definition.publication() + " kept (not created by the bridge)")
				+ "; its topics are kept: " + String.join(", ", topics)
				+ (positionForgotten ? "" : ". Its Kafka store did not answer, so its position is still in "
						+ offsetsTopic + ": create it again under another name"));
	}

}
