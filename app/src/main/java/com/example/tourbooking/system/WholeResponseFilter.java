package com.example.tourbooking.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets Tomcat send a response that fits its buffer in one write, with a
 * {@code Content-Length}. Spring MVC flushes after writing every {@code ResponseEntity}
 * (spring-webmvc 7.0 {@code HttpEntityMethodProcessor.handleReturnValue}, then
 * {@code ServletServerHttpResponse.flush} calls {@code flushBuffer}); that commits the
 * response before its length is known, so Tomcat sends it chunked and the last chunk in a
 * second write when the request ends. Tomcat works the length out itself when nothing was
 * committed before the end ({@code OutputBuffer.close}). Every booking answered with two
 * writes and two TCP segments (issue 15, strace).
 *
 * <p>
 * Only the flush is held back: a response larger than the buffer is still sent as it
 * fills, and an asynchronous request (none today) flushes as asked.
 */
@Component
class WholeResponseFilter extends OncePerRequestFilter implements Ordered {

	@Override
	public int getOrder() {
		return ServerHardeningConfiguration.REQUEST_LIMITS_ORDER + 1;
	}

	/** Problems rendered by {@code /error} are written the same way. */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new HeldFlushResponse(request, response));
	}

	/** Passes everything through but a flush of a response nobody has committed yet. */
	private static final class HeldFlushResponse extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		HeldFlushResponse(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		public void flushBuffer() throws IOException {
			if (isCommitted() || this.request.isAsyncStarted()) {
				super.flushBuffer();
			}
		}

	}

}
