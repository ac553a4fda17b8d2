package dev.wsboot.engine.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads an HTTP/1.1 request head from bytes that may arrive one at a time (RFC 7230 §3). It stops
 * right after the empty line that ends the head, leaving any following bytes (frames a client sent
 * without waiting for the 101) in the buffer.
 */
public final class HttpRequestParser {

	private final int maxHeadSize;

	private byte[] head = new byte[256];

	private int length;

	/**
	 * @param maxHeadSize the largest request head accepted; a larger one is rejected with 431
	 */
	public HttpRequestParser(int maxHeadSize) {
		this.maxHeadSize = maxHeadSize;
	}

	/**
	 * Consumes bytes up to the end of the request head.
	 * @return the request once its head is complete, null while more bytes are needed
	 * @throws HandshakeException 400 for a malformed head, 431 for one over the size limit
	 */
	public @Nullable HttpRequest parse(ByteBuffer buffer) {
		while (buffer.hasRemaining()) {
			byte b = buffer.get();
			if (this.length == this.maxHeadSize) {
				throw new HandshakeException(431, "Request header fields too large");
			}
			if (this.length == this.head.length) {
				this.head = java.util.Arrays.copyOf(this.head, Math.min(this.head.length * 2, this.maxHeadSize));
			}
			this.head[this.length++] = b;
			if (b == '\n' && endsWithEmptyLine()) {
				return parseHead(new String(this.head, 0, this.length, StandardCharsets.ISO_8859_1));
			}
		}
		return null;
	}

	/** §3.5: a recipient may take a lone LF as a line terminator, so both "\r\n\r\n" and "\n\n" end the head. */
	private boolean endsWithEmptyLine() {
		int n = this.length;
		if (n >= 2 && this.head[n - 2] == '\n') {
			return true;
		}
		return n >= 3 && this.head[n - 2] == '\r' && this.head[n - 3] == '\n';
	}

	static HttpRequest parseHead(String text) {
		List<String> lines = lines(text);
		int first = 0;
		// §3.5: a server should ignore at least one empty line before the request line.
		while (first < lines.size() && lines.get(first).isEmpty()) {
			first++;
		}
		if (first == lines.size()) {
			throw new HandshakeException(400, "Empty request");
		}
		String[] requestLine = lines.get(first).split(" ", -1);
		if (requestLine.length != 3 || requestLine[0].isEmpty() || requestLine[1].isEmpty()
				|| !requestLine[2].startsWith("HTTP/")) {
			throw new HandshakeException(400, "Malformed request line");
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = first + 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isEmpty()) {
				break;
			}
			if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
				// §3.2.4: obsolete line folding must be rejected with 400 outside message/http.
				throw new HandshakeException(400, "Obsolete header line folding");
			}
			int colon = line.indexOf(':');
			if (colon <= 0 || !isToken(line, colon)) {
				throw new HandshakeException(400, "Malformed header field");
			}
			String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim();
			headers.computeIfAbsent(name, (key) -> new ArrayList<>(1)).add(value);
		}
		return new HttpRequest(common(requestLine[0]), requestLine[1], common(requestLine[2]), headers, text);
	}

	/**
	 * The shared constant for the method and version nearly every upgrade sends: an open
	 * session keeps its request, and two small strings are a tenth of an idle connection.
	 */
	private static String common(String token) {
		if (token.equals("GET")) {
			return "GET";
		}
		return token.equals("HTTP/1.1") ? "HTTP/1.1" : token;
	}

	/**
	 * The lines of the head, each without its CRLF or bare LF (§3.5 lets a recipient accept LF
	 * alone), up to the empty line that ends it. By hand rather than with a regular expression:
	 * {@code String.split("\r?\n")} compiles a pattern on every call, a cost in every handshake.
	 */
	private static List<String> lines(String text) {
		List<String> lines = new ArrayList<>(12);
		int start = 0;
		int length = text.length();
		while (start < length) {
			int lf = text.indexOf('\n', start);
			int end = (lf < 0) ? length : lf;
			int contentEnd = (end > start && text.charAt(end - 1) == '\r') ? end - 1 : end;
			lines.add(text.substring(start, contentEnd));
			if (lf < 0) {
				break;
			}
			start = lf + 1;
		}
		// As split did: trailing empty lines (the blank line ending the head) are not lines.
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	/** §3.2: a field name is a token, with no whitespace before the colon. */
	private static boolean isToken(String line, int end) {
		for (int i = 0; i < end; i++) {
			char c = line.charAt(i);
			if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
				return false;
			}
		}
		return true;
	}

}
