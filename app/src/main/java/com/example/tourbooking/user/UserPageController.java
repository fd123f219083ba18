package com.example.tourbooking.user;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.tourbooking.system.PageController;
import com.example.tourbooking.user.UserExceptions.EmailTakenException;
import com.example.tourbooking.user.UserRequests.SignupRequest;

/**
 * The sign-in and sign-up pages. Signing in itself (the form's POST) and signing out are
 * handled by Spring Security with the page session; sign-up calls the same service and
 * validation as the API's.
 */
@PageController
class UserPageController {

	private final UserService users;

	private final LoginThrottle throttle;

	UserPageController(UserService users, LoginThrottle throttle) {
		this.users = users;
		this.throttle = throttle;
	}

	@GetMapping("/login")
	String signIn() {
		return "user/login";
	}

	@GetMapping("/signup")
	String signUpForm(Model model) {
		model.addAttribute("signup", new SignupRequest("", "", "", Role.CUSTOMER));
		return "user/signup";
	}

	@PostMapping("/signup")
	String signUp(@Valid @ModelAttribute("signup") SignupRequest signup, BindingResult form, HttpServletRequest request,
			RedirectAttributes redirect) {
		// The API's sign-up throttle; over it, a 429 page.
		this.throttle.beforeSignup(request.getRemoteAddr());
		if (signup.role() == Role.ADMIN) {
			form.rejectValue("role", "problem.FORBIDDEN");
		}
		if (form.hasErrors()) {
			return "user/signup";
		}
		try {
			this.users.signup(signup, null);
		}
		catch (EmailTakenException ex) {
			form.rejectValue("email", "problem.EMAIL_TAKEN");
			return "user/signup";
		}
		redirect.addAttribute("registered", "");
		redirect.addAttribute("email", signup.email().trim());
		return "redirect:/login";
	}

}
