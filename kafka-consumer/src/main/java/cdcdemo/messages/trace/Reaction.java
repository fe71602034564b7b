package cdcdemo.messages.trace;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * What one consumer did because of a change event, as read from the reactions topic.
 *
 * @param event the change event reacted to
 * @param service the consumer, e.g. {@code onboarding-service}
 * @param kind what it did, e.g. {@code welcome-scheduled}, {@code email-sent}
 * @param at when
 * @param summary a line for people
 * @param detail more, as the consumer wrote it ({@code null} if none)
 */
record Reaction(EventRef event, String service, String kind, Instant at, String summary, JsonNode detail) {

}
