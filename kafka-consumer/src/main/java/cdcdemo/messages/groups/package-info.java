/**
 * Who reads a topic: every consumer group with committed offsets on it or members
 * assigned to it, its members, and its lag per partition, read with Kafka's Admin API
 * (the message list itself never joins a group).
 */
package cdcdemo.messages.groups;
