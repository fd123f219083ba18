package com.example.tourbooking.system.logging;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Counts the body bytes the application writes, for {@code http.response.body.bytes},
 * without buffering or copying the body.
 */
class ByteCountingResponse extends HttpServletResponseWrapper {

	private long bytes;

	private ServletOutputStream outputStream;

	private PrintWriter writer;

	ByteCountingResponse(HttpServletResponse response) {
		super(response);
	}

	long bytesWritten() {
		return this.bytes;
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.outputStream == null) {
			this.outputStream = new CountingOutputStream(super.getOutputStream());
		}
		return this.outputStream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (this.writer == null) {
			this.writer = new PrintWriter(
					new CountingWriter(super.getWriter(), Charset.forName(getCharacterEncoding())));
		}
		return this.writer;
	}

	/**
	 * Passes bytes through and counts them.
	 */
	private final class CountingOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		CountingOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			this.delegate.write(b);
			ByteCountingResponse.this.bytes++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.delegate.write(b, off, len);
			ByteCountingResponse.this.bytes += len;
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

	/**
	 * Passes characters through and counts the bytes they encode to.
	 */
	private final class CountingWriter extends Writer {

		private final Writer delegate;

		private final Charset charset;

		CountingWriter(Writer delegate, Charset charset) {
			this.delegate = delegate;
			this.charset = charset;
		}

		@Override
		public void write(char[] chars, int off, int len) throws IOException {
			this.delegate.write(chars, off, len);
			ByteCountingResponse.this.bytes += new String(chars, off, len).getBytes(this.charset).length;
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

	}

}
