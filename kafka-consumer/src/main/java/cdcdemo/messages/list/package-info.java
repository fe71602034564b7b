/**
 * Reading the topics as an observer (no consumer group), keeping the newest records in
 * memory, and showing them as change events: a page, a JSON API, and a Server-Sent Events
 * stream. What memory does not hold (older pages, a key's history, whole huge values) is
 * read from Kafka on request with short-lived consumers, again without a group.
 */
package cdcdemo.messages.list;
