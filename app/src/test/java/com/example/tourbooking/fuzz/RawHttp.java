package com.example.tourbooking.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that sends exactly the bytes it is given: request targets with
 * invalid percent-encodings, header values with non-ASCII bytes, bodies of any encoding.
 * {@code java.net.http} refuses to send most of these, but any client on the internet
 * can.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/**
	 * Sends one request on a new connection and reads the whole response.
	 * @param method the method
	 * @param target the raw request target (path and query, sent as ISO-8859-1 bytes)
	 * @param headers raw header lines' names and values (values sent as UTF-8 bytes)
	 * @param body the body bytes, or {@code null}
	 * @return what came back
	 */
	public Response send(String method, String target, List<Map.Entry<String, byte[]>> headers, byte[] body) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
			socket.setSoTimeout(30_000);
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
			request.writeBytes(("Host: 127.0.0.1:" + this.port + "\r\nConnection: close\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			for (Map.Entry<String, byte[]> header : headers) {
				request.writeBytes((header.getKey() + ": ").getBytes(StandardCharsets.ISO_8859_1));
				request.writeBytes(header.getValue());
				request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			if (body != null) {
				request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				request.writeBytes(body);
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toByteArray());
			out.flush();
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No complete response to " + method + " " + target, ex);
		}
	}

	public static Response read(InputStream in) throws IOException {
		byte[] all = in.readAllBytes();
		String text = new String(all, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (!text.startsWith("HTTP/1.1 ") || end < 0) {
			throw new IOException("Not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].substring(9, 12));
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
					lines[i].substring(colon + 1).trim());
		}
		byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
		byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int position = 0;
		while (position < chunked.length) {
			int lineEnd = indexOfCrlf(chunked, position);
			if (lineEnd < 0) {
				throw new IOException("Truncated chunked body");
			}
			String sizeLine = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
			int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
			if (size == 0) {
				return out.toByteArray();
			}
			out.write(chunked, lineEnd + 2, size);
			position = lineEnd + 2 + size + 2;
		}
		throw new IOException("Chunked body without its last chunk");
	}

	private static int indexOfCrlf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param headers header names lower-cased, last value wins
	 * @param body the body decoded as UTF-8
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		public String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

	}

}
