package com.example.tourbooking.user;

import com.example.tourbooking.system.ApiException;
import com.example.tourbooking.system.ProblemType;

/**
 * The problems the user endpoints answer with.
 */
final class UserExceptions {

	private UserExceptions() {
	}

	/** Sign-up with an email that already has an account. */
	static final class EmailTakenException extends ApiException {

		private static final long serialVersionUID = 1L;

		private EmailTakenException() {
			super(ProblemType.EMAIL_TAKEN, "An account with this email already exists.");
		}

		static EmailTakenException create() {
			return new EmailTakenException();
		}

	}

	/** Login failed; the same answer for an unknown email and a wrong password. */
	static final class BadCredentialsException extends ApiException {

		private static final long serialVersionUID = 1L;

		private BadCredentialsException() {
			super(ProblemType.BAD_CREDENTIALS, "Wrong email or password.");
		}

		static BadCredentialsException create() {
			return new BadCredentialsException();
		}

	}

	/** No user with that id. */
	static final class UserNotFoundException extends ApiException {

		private static final long serialVersionUID = 1L;

		private UserNotFoundException(long id) {
			super(ProblemType.NOT_FOUND, "No user with id " + id + ".");
		}

		static UserNotFoundException forId(long id) {
			return new UserNotFoundException(id);
		}

	}

	/** Only admins may create admins. */
	static final class AdminSignupForbiddenException extends ApiException {

		private static final long serialVersionUID = 1L;

		private AdminSignupForbiddenException() {
			super(ProblemType.FORBIDDEN, "Only an admin can create an ADMIN account.");
		}

		static AdminSignupForbiddenException create() {
			return new AdminSignupForbiddenException();
		}

	}

	/** An admin changing its own role, or the last admin being demoted. */
	static final class RoleChangeRefusedException extends ApiException {

		private static final long serialVersionUID = 1L;

		private RoleChangeRefusedException(String detail) {
			super(ProblemType.ROLE_CHANGE_REFUSED, detail);
		}

		static RoleChangeRefusedException ownRole() {
			return new RoleChangeRefusedException("Admins cannot change their own role; ask another admin.");
		}

		static RoleChangeRefusedException lastAdmin() {
			return new RoleChangeRefusedException("This is the last admin; promote another user to ADMIN first.");
		}

	}

}
