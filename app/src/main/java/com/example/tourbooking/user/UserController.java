package com.example.tourbooking.user;

import java.util.Set;

import jakarta.validation.Valid;

import org.springframework.data.domain.Sort;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.tourbooking.system.PageRequests;
import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.user.UserRequests.ChangeRoleRequest;
import com.example.tourbooking.user.UserResponses.UserResponse;

/**
 * The caller's own account, and user administration (admins only, enforced by the
 * security configuration).
 */
@RestController
class UserController {

	private static final Set<String> SORTABLE = Set.of("id", "email", "name", "role");

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@GetMapping("/api/users/me")
	UserResponse me(@AuthenticationPrincipal Jwt caller) {
		return this.users.find(CurrentUser.of(caller).id());
	}

	@GetMapping("/api/admin/users")
	PageResponse<UserResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort) {
		return this.users.list(PageRequests.of(page, size, sort, SORTABLE, Sort.by("id")));
	}

	@PutMapping("/api/admin/users/{id}/role")
	UserResponse changeRole(@PathVariable long id, @Valid @RequestBody ChangeRoleRequest request,
			@AuthenticationPrincipal Jwt caller) {
		return this.users.changeRole(id, request.role(), CurrentUser.of(caller));
	}

}
