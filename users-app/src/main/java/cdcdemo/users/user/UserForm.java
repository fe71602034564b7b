package cdcdemo.users.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the add and edit forms bind: never the entity itself, so a request cannot set an
 * id or a hash. The limits match the columns of {@code V1__create_users.sql}. Names may
 * hold any printable text (an apostrophe, angle brackets): it is stored as typed, bound
 * as a parameter, and escaped on every page. Control characters, and the replacement
 * character a servlet container puts where the body was not UTF-8, are refused. The
 * password is required when adding ({@link NewUser}) and optional when editing, where
 * blank keeps the current one; no page ever echoes it back.
 */
record UserForm(
		@NotBlank @Size(max = 100, message = "{user.size}") @Pattern(regexp = PRINTABLE,
				message = "{user.printable}") String firstName,
		@NotBlank @Size(max = 100, message = "{user.size}") @Pattern(regexp = PRINTABLE,
				message = "{user.printable}") String lastName,
		@NotBlank @Size(max = 254, message = "{user.size}") @Email(regexp = EMAIL,
				message = "{user.email}") String email,
		@NotBlank(groups = NewUser.class) @Password String password) {

	/** No control characters and no U+FFFD, the mark of bytes that were not UTF-8. */
	static final String PRINTABLE = "[^\\p{Cntrl}\\x{FFFD}]*";

	/** An address as people type them: something, an at sign, a domain with a dot. */
	static final String EMAIL = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+";

	static UserForm empty() {
		return new UserForm("", "", "", "");
	}

	/**
	 * The edit form of a user: everything but the password, which stays blank.
	 * @param user the stored user
	 * @return the form
	 */
	static UserForm of(User user) {
		return new UserForm(user.firstName(), user.lastName(), user.email(), "");
	}

	boolean hasPassword() {
		return this.password != null && !this.password.isEmpty();
	}

	/** The validation group of the checks that only apply when adding a user. */
	interface NewUser {

	}

}
