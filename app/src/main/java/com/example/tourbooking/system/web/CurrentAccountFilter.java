package com.example.tourbooking.system.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.tourbooking.system.SessionSignIns;

/**
 * Re-reads the account of a signed-in page session on every request, before anything is
 * authorized: a demoted guide or admin loses its pages and its power at once, a promoted
 * one gains them without signing in again, and the session of a deleted account ends.
 * Spring Security keeps the sign-in it stored in the session as it was
 * ({@code HttpSessionSecurityContextRepository} only loads it), hence this filter; a
 * changed sign-in is saved back so every replica sees it.
 */
final class CurrentAccountFilter extends OncePerRequestFilter {

	private final SessionSignIns signIns;

	/**
	 * Writes the session attribute the chain reads; without Spring Security's response
	 * wrapper it stores at once ({@code saveContextInHttpSession}, read in 7.0.6).
	 */
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	CurrentAccountFilter(SessionSignIns signIns) {
		this.signIns = signIns;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = this.holder.getContext().getAuthentication();
		if (signedIn != null && signedIn.isAuthenticated() && !(signedIn instanceof AnonymousAuthenticationToken)) {
			Optional<Authentication> current = this.signIns.current(signedIn);
			if (current.isEmpty()) {
				signOut(request);
			}
			else if (current.get() != signedIn) {
				SecurityContext context = this.holder.createEmptyContext();
				context.setAuthentication(current.get());
				this.holder.setContext(context);
				this.contexts.saveContext(context, request, response);
			}
		}
		chain.doFilter(request, response);
	}

	private void signOut(HttpServletRequest request) {
		this.holder.clearContext();
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

}
