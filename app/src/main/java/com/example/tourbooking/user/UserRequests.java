package com.example.tourbooking.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.example.tourbooking.system.MaxUtf8Bytes;
import com.example.tourbooking.system.PlainText;

/**
 * The request bodies of the user endpoints.
 */
final class UserRequests {

	private UserRequests() {
	}

	/**
	 * Sign-up: {@code role} defaults to {@code CUSTOMER}; {@code ADMIN} only by an admin.
	 * The password is limited to 72 UTF-8 bytes, all that bcrypt reads.
	 */
	record SignupRequest(@NotBlank @Email @Size(max = 254) @PlainText String email,
			@NotBlank @Size(min = 8, max = 72) @MaxUtf8Bytes(72) String password,
			@NotBlank @Size(max = 100) @PlainText String name, Role role) {

		@Override
		public String toString() {
			return "SignupRequest[email=<masked>, password=<masked>, name=" + this.name + ", role=" + this.role + "]";
		}

	}

	/**
	 * Login with email and password.
	 */
	record LoginRequest(@NotBlank @Size(max = 254) String email,
			@NotBlank @Size(max = 72) @MaxUtf8Bytes(72) String password) {

		@Override
		public String toString() {
			return "LoginRequest[email=<masked>, password=<masked>]";
		}

	}

	/**
	 * An admin changes a user's role.
	 */
	record ChangeRoleRequest(@NotNull Role role) {
	}

}
