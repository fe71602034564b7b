/**
 * The connector: Debezium's PostgreSQL connector in the embedded engine, publishing to Kafka with commit-after-ack.
 */
package cdcdemo.bridge.connector;
