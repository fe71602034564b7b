package cdcdemo.users.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What the "add user" form binds: never the entity itself, so a request cannot set an id or a hash. The form page
 * never echoes the password back.
 */
record UserForm(@NotBlank @Size(max = 100) String firstName, @NotBlank @Size(max = 100) String lastName,
		@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(min = 8, max = 72) String password) {

	static UserForm empty() {
		return new UserForm("", "", "", "");
	}

}
