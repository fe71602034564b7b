package cdcdemo.domains.stats;

/**
 * The columns of a {@code users} row this service needs; the reader ignores the others.
 *
 * @param id the primary key
 * @param email the email address; {@code null} in the key-only {@code before} of a delete
 */
record UserRow(long id, String email) {
}
