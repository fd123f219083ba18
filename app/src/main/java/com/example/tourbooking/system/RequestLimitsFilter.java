package com.example.tourbooking.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies in size and in the time they take to arrive. Tomcat limits form
 * posts only ({@code maxPostSize}) and times out each read separately, so a JSON body of
 * any size, or one sent a byte at a time, would otherwise be read to the end.
 */
class RequestLimitsFilter extends OncePerRequestFilter {

	private final RequestLimitsProperties limits;

	private final ProblemWriter problems;

	RequestLimitsFilter(RequestLimitsProperties limits, ProblemWriter problems) {
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long maxBytes = this.limits.maxBodySize().toBytes();
		if (request.getContentLengthLong() > maxBytes) {
			// Nothing reads the body: close the connection rather than drain it.
			response.setHeader(HttpHeaders.CONNECTION, "close");
			RequestLimitExceededException tooLarge = RequestLimitExceededException.tooLarge(maxBytes);
			this.problems.write(response, ProblemDetails.of(tooLarge.type(), tooLarge.getMessage()), null);
			return;
		}
		long deadline = System.nanoTime() + this.limits.bodyTimeout().toNanos();
		chain.doFilter(new BoundedBodyRequest(request, maxBytes, deadline, this.limits.bodyTimeout().toSeconds()),
				response);
	}

	/** The request with its body stream counted and timed. */
	private static final class BoundedBodyRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private final long deadline;

		private final long timeoutSeconds;

		private ServletInputStream stream;

		BoundedBodyRequest(HttpServletRequest request, long maxBytes, long deadline, long timeoutSeconds) {
			super(request);
			this.maxBytes = maxBytes;
			this.deadline = deadline;
			this.timeoutSeconds = timeoutSeconds;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new BoundedInputStream(super.getInputStream(), this.maxBytes, this.deadline,
						this.timeoutSeconds);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			Charset charset;
			try {
				charset = (getCharacterEncoding() != null) ? Charset.forName(getCharacterEncoding())
						: StandardCharsets.UTF_8;
			}
			catch (IllegalArgumentException ex) {
				charset = StandardCharsets.UTF_8;
			}
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	/** Counts bytes and checks the deadline on every read. */
	private static final class BoundedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private final long deadline;

		private final long timeoutSeconds;

		private long read;

		BoundedInputStream(ServletInputStream delegate, long maxBytes, long deadline, long timeoutSeconds) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
			this.deadline = deadline;
			this.timeoutSeconds = timeoutSeconds;
		}

		@Override
		public int read() throws IOException {
			checkDeadline();
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkDeadline();
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw RequestLimitExceededException.tooLarge(this.maxBytes);
			}
			checkDeadline();
		}

		private void checkDeadline() throws IOException {
			if (System.nanoTime() - this.deadline > 0) {
				throw RequestLimitExceededException.tooSlow(this.timeoutSeconds);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
