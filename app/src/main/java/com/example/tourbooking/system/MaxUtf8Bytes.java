package com.example.tourbooking.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A length limit in UTF-8 bytes, for libraries that count bytes: bcrypt reads at most 72
 * bytes of a password and Spring Security's {@code BCryptPasswordEncoder} (7.0) throws
 * beyond that, so 40 two-byte characters pass {@code @Size(max = 72)} but not bcrypt.
 */
@Documented
@Constraint(validatedBy = MaxUtf8Bytes.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxUtf8Bytes {

	String message() default "must be at most {value} bytes in UTF-8";

	/** The largest length in UTF-8 bytes. */
	int value();

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Encodes and counts. */
	class Validator implements ConstraintValidator<MaxUtf8Bytes, CharSequence> {

		private int max;

		@Override
		public void initialize(MaxUtf8Bytes annotation) {
			this.max = annotation.value();
		}

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			return value == null || value.toString().getBytes(StandardCharsets.UTF_8).length <= this.max;
		}

	}

}
