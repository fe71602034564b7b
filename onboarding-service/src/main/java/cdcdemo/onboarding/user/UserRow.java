package cdcdemo.onboarding.user;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The columns of the monolith's {@code users} table this service needs. For a delete,
 * only {@code id} is set (default replica identity).
 *
 * @param id the user id
 * @param firstName the first name
 * @param lastName the last name
 * @param email the email address
 */
record UserRow(Long id, @JsonProperty("first_name") String firstName, @JsonProperty("last_name") String lastName,
		String email) {
}
