package cdcdemo.onboarding.user;

/**
 * A user as this service remembers them, until they leave.
 *
 * @param userId the id in the monolith
 * @param email the email address
 * @param firstName the first name
 * @param lastName the last name
 */
record KnownUser(long userId, String email, String firstName, String lastName) {
}
