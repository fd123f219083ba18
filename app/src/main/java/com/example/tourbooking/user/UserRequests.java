package com.example.tourbooking.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The request bodies of the user endpoints.
 */
final class UserRequests {

	private UserRequests() {
	}

	/**
	 * Sign-up: {@code role} defaults to {@code CUSTOMER}; {@code ADMIN} only by an admin.
	 */
	record SignupRequest(@NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Size(min = 8, max = 72) String password, @NotBlank @Size(max = 100) String name, Role role) {

		@Override
		public String toString() {
			return "SignupRequest[email=<masked>, password=<masked>, name=" + this.name + ", role=" + this.role + "]";
		}

	}

	/**
	 * Login with email and password.
	 */
	record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 72) String password) {

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
