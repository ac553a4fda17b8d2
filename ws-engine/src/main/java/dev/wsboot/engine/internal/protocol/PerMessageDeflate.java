package dev.wsboot.engine.internal.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Negotiates the permessage-deflate extension (RFC 7692 §5, §7.1) from the client's offers in
 * {@code Sec-WebSocket-Extensions}. Offers are tried in the client's order of preference; the first
 * one whose parameters are all valid and supported wins. An offer with an unknown, duplicate or
 * invalid parameter, or one that is not even well-formed, is declined (§7.1), never an error: the
 * next offer is tried, and with none left the handshake goes on without the extension.
 *
 * <p>{@link java.util.zip.Deflater} always compresses with a 32 KiB window (15 bits) and offers no
 * way to choose a smaller one, so the server honours {@code server_max_window_bits} only with the
 * value 15 and declines offers that demand a smaller server window (§7.1.2.1 lets it decline).
 * {@code client_max_window_bits} only limits the client's window; an {@link java.util.zip.Inflater}
 * with its 32 KiB window reads data compressed with any smaller one, so it is accepted with or
 * without a value and left out of the answer, which §7.1.2.2 allows.
 */
public final class PerMessageDeflate {

	/** §5: the extension's registered name. */
	public static final String NAME = "permessage-deflate";

	private static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";

	private static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";

	private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";

	private static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

	/** The only window size Deflater compresses with. */
	private static final int DEFLATER_WINDOW_BITS = 15;

	private PerMessageDeflate() {
	}

	/**
	 * What was agreed with one client.
	 * @param serverNoContextTakeover whether the server resets its compressor after every message
	 * (§7.1.1.1), which makes its compressed frames the same for every such client
	 * @param clientNoContextTakeover whether the client resets its compressor after every message
	 * (§7.1.1.2), so the server may reset, and pool, its decompressor
	 * @param serverMaxWindowBits whether the answer must confirm {@code server_max_window_bits=15}
	 */
	public record Agreement(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
			boolean serverMaxWindowBits) {

		/** The {@code Sec-WebSocket-Extensions} value of the 101 response (§7.1). */
		public String responseHeader() {
			StringBuilder header = new StringBuilder(NAME);
			if (this.serverNoContextTakeover) {
				header.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
			}
			if (this.clientNoContextTakeover) {
				header.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
			}
			if (this.serverMaxWindowBits) {
				header.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(DEFLATER_WINDOW_BITS);
			}
			return header.toString();
		}

	}

	/**
	 * Picks the first acceptable permessage-deflate offer.
	 * @param headerValues the values of every {@code Sec-WebSocket-Extensions} field in order, or
	 * null when there is none
	 * @param contextTakeover whether the server is willing to keep compression context between
	 * messages; when not, it asks for no context takeover in both directions, which §7.1.1.1 and
	 * §7.1.1.2 allow even when the offer did not include those parameters
	 * @return the agreement, or null to answer without the extension
	 */
	public static @Nullable Agreement negotiate(@Nullable List<String> headerValues, boolean contextTakeover) {
		if (headerValues == null) {
			return null;
		}
		for (String value : headerValues) {
			List<String> offers = split(value, ',');
			if (offers == null) {
				// A quote left open: the field cannot be read, so nothing in it is accepted.
				continue;
			}
			for (String offer : offers) {
				Agreement agreement = accept(offer, contextTakeover);
				if (agreement != null) {
					return agreement;
				}
			}
		}
		return null;
	}

	/** One offer: {@code name *( ";" param [ "=" value ] )} (RFC 6455 §9.1); null to decline it. */
	private static @Nullable Agreement accept(String offer, boolean contextTakeover) {
		List<String> parts = split(offer, ';');
		if (parts == null || parts.isEmpty() || !NAME.equalsIgnoreCase(parts.get(0).trim())) {
			return null;
		}
		boolean serverNoContextTakeover = false;
		boolean clientNoContextTakeover = false;
		boolean serverMaxWindowBits = false;
		boolean clientMaxWindowBits = false;
		for (int i = 1; i < parts.size(); i++) {
			String param = parts.get(i);
			int eq = param.indexOf('=');
			String name = ((eq < 0) ? param : param.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
			String value = (eq < 0) ? null : unquote(param.substring(eq + 1).trim());
			if (eq >= 0 && value == null) {
				return null;
			}
			switch (name) {
				case SERVER_NO_CONTEXT_TAKEOVER -> {
					// §7.1.1.1: no value; §7.1: a repeated parameter declines the offer.
					if (serverNoContextTakeover || value != null) {
						return null;
					}
					serverNoContextTakeover = true;
				}
				case CLIENT_NO_CONTEXT_TAKEOVER -> {
					// §7.1.1.2: no value.
					if (clientNoContextTakeover || value != null) {
						return null;
					}
					clientNoContextTakeover = true;
				}
				case SERVER_MAX_WINDOW_BITS -> {
					// §7.1.2.1: a value is required; only 15 is supported, see the class comment.
					if (serverMaxWindowBits || windowBits(value) != DEFLATER_WINDOW_BITS) {
						return null;
					}
					serverMaxWindowBits = true;
				}
				case CLIENT_MAX_WINDOW_BITS -> {
					// §7.1.2.2: the value may be left out; when given it must be valid.
					if (clientMaxWindowBits || (value != null && windowBits(value) < 0)) {
						return null;
					}
					clientMaxWindowBits = true;
				}
				default -> {
					// §7.1: a parameter not defined for an offer declines it.
					return null;
				}
			}
		}
		return new Agreement(serverNoContextTakeover || !contextTakeover, clientNoContextTakeover || !contextTakeover,
				serverMaxWindowBits);
	}

	/**
	 * §7.1.2.1: a decimal integer from 8 to 15 without leading zeros.
	 * @return the value, or -1 if it is missing or invalid
	 */
	static int windowBits(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
			return -1;
		}
		int bits = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			bits = bits * 10 + (c - '0');
		}
		return (bits >= 8 && bits <= 15) ? bits : -1;
	}

	/**
	 * A parameter value: a token, or a quoted-string whose unescaped content must be a token
	 * (RFC 6455 §9.1).
	 * @return the value, or null if it is neither
	 */
	static @Nullable String unquote(String value) {
		String content = value;
		if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
			StringBuilder unescaped = new StringBuilder(value.length());
			for (int i = 1; i < value.length() - 1; i++) {
				char c = value.charAt(i);
				if (c == '\\' && i + 1 < value.length() - 1) {
					c = value.charAt(++i);
				}
				unescaped.append(c);
			}
			content = unescaped.toString();
		}
		return isToken(content) ? content : null;
	}

	/** RFC 7230 §3.2.6: one or more tchar. */
	static boolean isToken(String value) {
		if (value.isEmpty()) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
			if (!tchar) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Splits at the separator outside quoted strings, dropping empty elements (RFC 7230 §7).
	 * @return the elements, trimmed, or null if a quoted string is not closed
	 */
	static @Nullable List<String> split(String value, char separator) {
		List<String> elements = new ArrayList<>(4);
		StringBuilder element = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (quoted && c == '\\' && i + 1 < value.length()) {
				element.append(c).append(value.charAt(++i));
				continue;
			}
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == separator && !quoted) {
				addTrimmed(elements, element);
			}
			else {
				element.append(c);
			}
		}
		if (quoted) {
			return null;
		}
		addTrimmed(elements, element);
		return elements;
	}

	private static void addTrimmed(List<String> elements, StringBuilder element) {
		String trimmed = element.toString().trim();
		if (!trimmed.isEmpty()) {
			elements.add(trimmed);
		}
		element.setLength(0);
	}

}
