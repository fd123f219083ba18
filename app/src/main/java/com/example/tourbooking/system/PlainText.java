package com.example.tourbooking.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text we store or search for holds no control characters: PostgreSQL refuses NUL in text
 * (and H2 stores it), and the rest only hide things from people reading the data.
 * Multi-line text may keep line breaks and tabs. {@code null} is valid (pair with
 * {@code @NotNull} where needed).
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	String message() default "must not contain control characters";

	/** Whether line breaks and tabs are allowed. */
	boolean multiline() default false;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks every code point. */
	class Validator implements ConstraintValidator<PlainText, CharSequence> {

		private boolean multiline;

		@Override
		public void initialize(PlainText annotation) {
			this.multiline = annotation.multiline();
		}

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			return value == null || value.codePoints().allMatch(this::allowed);
		}

		private boolean allowed(int codePoint) {
			if (this.multiline && (codePoint == '\n' || codePoint == '\r' || codePoint == '\t')) {
				return true;
			}
			int type = Character.getType(codePoint);
			return !Character.isISOControl(codePoint) && type != Character.SURROGATE && type != Character.UNASSIGNED
					&& type != Character.PRIVATE_USE && codePoint != 0xFEFF;
		}

	}

}
