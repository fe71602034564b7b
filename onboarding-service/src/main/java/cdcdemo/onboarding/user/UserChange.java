package cdcdemo.onboarding.user;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.reactions.EventRef;

/**
 * A change event of a user row, with where it was read from: what the reactions to it are
 * keyed by, and what the steps it schedules remember.
 *
 * @param ref the event's position in Kafka and in the database's log
 * @param event the event
 */
record UserChange(EventRef ref, ChangeEvent<UserRow> event) {
}
