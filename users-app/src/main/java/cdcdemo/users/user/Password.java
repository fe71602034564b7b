package cdcdemo.users.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A password bcrypt can hash: at least {@link #min()} characters and at most 72 bytes in
 * UTF-8 (bcrypt ignores what follows, and Spring Security's encoder refuses it), and
 * readable text. Empty passes: whether a password is required is {@code @NotBlank}'s
 * business.
 */
@Documented
@Constraint(validatedBy = PasswordValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@interface Password {

	int min() default 8;

	String message() default "{user.password}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
