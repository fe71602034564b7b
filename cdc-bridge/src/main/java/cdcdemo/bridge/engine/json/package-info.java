/**
 * Kafka Connect JSON without the tree: a converter that writes the same bytes as Kafka's
 * {@code JsonConverter} with the schema part serialized once per schema and the payload
 * streamed.
 */
package cdcdemo.bridge.engine.json;
