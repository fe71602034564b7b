package cdcdemo.users.user;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of the {@code users} table. The password is only ever held as a bcrypt hash.
 */
@Table("users")
record User(@Id Long id, String firstName, String lastName, String email, String password, Instant createdAt) {

	String fullName() {
		return this.firstName + " " + this.lastName;
	}

}
