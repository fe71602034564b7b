/**
 * What happened because of a change: the reactions the platform's consumers publish on
 * the reactions topic ({@code docs/reactions.md}), indexed by the change event they
 * reacted to, and the trace of one change hop by hop, from its commit in PostgreSQL
 * through the bridge and Kafka to each consumer's reactions and the email sent.
 */
package cdcdemo.messages.trace;
