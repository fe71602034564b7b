/**
 * Reading the topics as an observer (no consumer group), keeping the newest records in memory, and showing them as a
 * page, a JSON list and a Server-Sent Events stream.
 */
package cdcdemo.messages.list;
