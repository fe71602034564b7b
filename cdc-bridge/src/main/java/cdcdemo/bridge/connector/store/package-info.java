/**
 * Where connector definitions are kept between runs of the bridge: a compacted Kafka
 * topic, as Kafka Connect keeps its configurations. Knows the definition and Kafka,
 * nothing of the running connectors.
 */
package cdcdemo.bridge.connector.store;
