/**
 * The contract of the reactions topic ({@code platform.reactions}): what a consumer of
 * the change events records about what it did because of one of them, so that the message
 * list can show it under the event. Types and their JSON only, no Kafka and no Spring, so
 * that any reader can take them; {@code docs/reactions.md} describes the contract for
 * clients that are not written in Java.
 */
package cdcdemo.events.reactions;
