package com.example.tourbooking.system;

import org.springframework.http.ProblemDetail;

/**
 * Builds problem bodies the same way for MVC handlers and security filters.
 */
final class ProblemDetails {

	private ProblemDetails() {
	}

	static ProblemDetail of(ProblemType type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
		problem.setType(type.uri());
		problem.setTitle(type.title());
		return problem;
	}

}
