package cdcdemo.users.user;

import java.nio.charset.StandardCharsets;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link Password}, naming the rule that failed. The message never contains the
 * password.
 */
class PasswordValidator implements ConstraintValidator<Password, String> {

	/** bcrypt reads at most this many bytes. */
	static final int MAX_BYTES = 72;

	private int min;

	@Override
	public void initialize(Password password) {
		this.min = password.min();
	}

	@Override
	public boolean isValid(String password, ConstraintValidatorContext context) {
		if (password == null || password.isEmpty()) {
			return true;
		}
		String problem = null;
		if (password.codePointCount(0, password.length()) < this.min) {
			problem = "{user.password.short}";
		}
		else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			problem = "{user.password.long}";
		}
		else if (password.indexOf('\uFFFD') >= 0 || password.chars().anyMatch(Character::isISOControl)) {
			problem = "{user.printable}";
		}
		if (problem == null) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
		return false;
	}

}
