/**
 * The topics view: what the connectors' Kafka cluster holds, and how fast it grows.
 */
package cdcdemo.bridge.topics;
