package dev.wsboot.engine.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 request head (RFC 7230 §3): request line and header fields. Header names are kept
 * lower case; repeated fields keep every value in order.
 *
 * <p>An open WebSocket session keeps its upgrade request for the application to read, so after
 * the handshake the request can be {@link #compact(String) compacted}: the parsed header map (most
 * of an idle connection's memory) is dropped and parsed again from the raw head if it is asked for.
 */
public final class HttpRequest {

	private final String method;

	/** Not final: {@link #compact(String)} may swap it for an equal string every session shares. */
	private String target;

	private final String version;

	/** The head as it arrived, in ISO-8859-1: bytes without the 24 bytes of a String around them. */
	private final byte[] head;

	private volatile @Nullable Map<String, List<String>> headers;

	HttpRequest(String method, String target, String version, Map<String, List<String>> headers, String head) {
		this.method = method;
		this.target = target;
		this.version = version;
		this.headers = Collections.unmodifiableMap(headers);
		this.head = head.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Drops the parsed header fields; they are parsed again from the raw head when next read. A
	 * target that is the served path itself becomes that path's own string, one for every session
	 * on it. Call before the request is shared with other threads.
	 * @param servedPath the path of the endpoint that accepted the request
	 */
	public void compact(String servedPath) {
		this.headers = null;
		if (this.target.equals(servedPath)) {
			this.target = servedPath;
		}
	}

	public String method() {
		return this.method;
	}

	/** The request target as sent: path and query. */
	public String target() {
		return this.target;
	}

	/** The path part of the target, without the query. */
	public String path() {
		int q = this.target.indexOf('?');
		return (q < 0) ? this.target : this.target.substring(0, q);
	}

	/** The raw query, without the '?', or an empty string. */
	public String rawQuery() {
		int q = this.target.indexOf('?');
		return (q < 0) ? "" : this.target.substring(q + 1);
	}

	/** The protocol version, such as {@code HTTP/1.1}. */
	public String version() {
		return this.version;
	}

	/** All header fields by lower-case name. */
	public Map<String, List<String>> headers() {
		Map<String, List<String>> headers = this.headers;
		if (headers == null) {
			// The head parsed once already, so it parses again; racing readers build equal maps.
			headers = HttpRequestParser.parseHead(new String(this.head, StandardCharsets.ISO_8859_1)).headers();
			this.headers = headers;
		}
		return headers;
	}

	/** The field's values joined with ", " as RFC 7230 §3.2.2 allows, or null if absent. */
	public @Nullable String header(String name) {
		List<String> values = headers().get(name.toLowerCase(Locale.ROOT));
		if (values == null) {
			return null;
		}
		return (values.size() == 1) ? values.get(0) : String.join(", ", values);
	}

	/**
	 * Whether a comma-separated header field (such as {@code Connection}) holds the token,
	 * ignoring case (RFC 7230 §6.1, §7).
	 */
	public boolean hasToken(String name, String token) {
		List<String> values = headers().get(name.toLowerCase(Locale.ROOT));
		if (values == null) {
			return false;
		}
		for (String value : values) {
			for (String element : value.split(",")) {
				if (element.trim().equalsIgnoreCase(token)) {
					return true;
				}
			}
		}
		return false;
	}

	/** The elements of comma-separated header fields, trimmed, empty ones left out. */
	public List<String> tokens(String name) {
		List<String> values = headers().get(name.toLowerCase(Locale.ROOT));
		if (values == null) {
			return List.of();
		}
		List<String> tokens = new java.util.ArrayList<>();
		for (String value : values) {
			for (String element : value.split(",")) {
				String trimmed = element.trim();
				if (!trimmed.isEmpty()) {
					tokens.add(trimmed);
				}
			}
		}
		return tokens;
	}

}
