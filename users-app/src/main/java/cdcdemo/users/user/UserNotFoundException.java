package cdcdemo.users.user;

/**
 * No user with the id of the page asked for: shown as the 404 page, not as an error.
 */
class UserNotFoundException extends RuntimeException {

	UserNotFoundException(long id) {
		super("No user " + id);
	}

}
