package com.example.tourbooking.user;

import java.util.List;
import java.util.Set;

import org.springframework.data.domain.Sort;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.tourbooking.system.PageController;
import com.example.tourbooking.system.PageRequests;

/**
 * Users and their roles, for admins (the page security chain lets only admins in; the
 * service is the one the API's admin endpoints use).
 */
@PageController
class UserAdminPageController {

	private static final int PAGE_SIZE = 20;

	private final UserService users;

	UserAdminPageController(UserService users) {
		this.users = users;
	}

	@GetMapping("/admin/users")
	String users(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("users", this.users.list(PageRequests.of(page, PAGE_SIZE, null, Set.of(), Sort.by("id"))));
		model.addAttribute("roles", List.of(Role.values()));
		return "user/admin-users";
	}

	@PostMapping("/admin/users/{id}/role")
	String changeRole(@PathVariable long id, @RequestParam Role role, @RequestParam(defaultValue = "0") int page,
			@AuthenticationPrincipal SessionUser admin, RedirectAttributes redirect) {
		this.users.changeRole(id, role, admin.currentUser());
		redirect.addAttribute("page", page);
		redirect.addAttribute("changed", id);
		return "redirect:/admin/users";
	}

}
