package com.example.tourbooking.user;

/**
 * The response bodies of the user endpoints. A password or its hash never appears here.
 */
final class UserResponses {

	private UserResponses() {
	}

	/**
	 * A user as the API shows it.
	 */
	record UserResponse(long id, String email, String name, Role role) {

		static UserResponse of(User user) {
			return new UserResponse(user.getId(), user.getEmail(), user.getName(), user.getRole());
		}

	}

	/**
	 * A bearer token for the {@code Authorization} header.
	 */
	record TokenResponse(String accessToken, String tokenType, long expiresIn) {

		static TokenResponse bearer(String accessToken, long expiresIn) {
			return new TokenResponse(accessToken, "Bearer", expiresIn);
		}

		@Override
		public String toString() {
			return "TokenResponse[accessToken=<masked>, tokenType=" + this.tokenType + ", expiresIn=" + this.expiresIn
					+ "]";
		}

	}

}
