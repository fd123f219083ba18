package com.example.tourbooking.system.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

import com.example.tourbooking.system.PageController;

/**
 * The page Spring Security forwards to when a signed-in user opens a page their role does
 * not allow, or a form arrives without a valid CSRF token.
 */
@PageController
class ErrorPageController {

	@RequestMapping("/forbidden")
	String forbidden(HttpServletResponse response, Model model) {
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		model.addAttribute("status", HttpServletResponse.SC_FORBIDDEN);
		model.addAttribute("messageKey", "error.403");
		return "error";
	}

}
