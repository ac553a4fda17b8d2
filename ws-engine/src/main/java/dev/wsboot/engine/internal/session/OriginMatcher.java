package dev.wsboot.engine.internal.session;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a browser's Origin header (RFC 6455 §10.2, RFC 6454). With no allowed origins configured,
 * only pages served from the same host may connect: the Origin's host must be the host of the
 * request's Host header, on any port, since our server listens on a port of its own and cookies
 * are not isolated by port (RFC 6265 §8.5), so any other page could open a socket with the user's
 * cookies. Otherwise the Origin must match one of the allowed values, where {@code *} matches any
 * run of characters and {@code *} alone matches every origin. Comparison ignores case, as
 * origins' scheme and host do.
 */
final class OriginMatcher {

	private final boolean any;

	private final List<Pattern> patterns;

	OriginMatcher(List<String> allowed) {
		this.any = allowed.contains("*");
		this.patterns = allowed.stream().map(OriginMatcher::toPattern).toList();
	}

	private static Pattern toPattern(String allowed) {
		String[] parts = allowed.toLowerCase(Locale.ROOT).split("\\*", -1);
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				regex.append(".*");
			}
			regex.append(Pattern.quote(parts[i]));
		}
		return Pattern.compile(regex.toString());
	}

	/**
	 * @param origin the request's Origin header
	 * @param host the request's Host header, or null if it had none
	 */
	boolean allows(String origin, String host) {
		if (this.any) {
			return true;
		}
		if (this.patterns.isEmpty()) {
			return host != null && sameHost(origin, host);
		}
		String candidate = origin.toLowerCase(Locale.ROOT);
		for (Pattern pattern : this.patterns) {
			if (pattern.matcher(candidate).matches()) {
				return true;
			}
		}
		return false;
	}

	/** The opaque origin {@code null} (sandboxed frames, files) has no host and is never the same. */
	private static boolean sameHost(String origin, String host) {
		String originHost = originHost(origin.trim());
		return originHost != null && originHost.equalsIgnoreCase(hostOf(host.trim()));
	}

	/**
	 * The host of a serialized origin (RFC 6454 §6.2: scheme "://" host, then an optional port,
	 * nothing else), or null if it is not one. Parsed here rather than by {@link java.net.URI},
	 * which gives no host for names that browsers accept but RFC 2396 does not, such as names
	 * with an underscore (docker-compose service names) or a last label starting with a digit.
	 */
	private static String originHost(String origin) {
		int separator = origin.indexOf("://");
		if (separator <= 0 || !isScheme(origin.substring(0, separator))) {
			return null;
		}
		String authority = origin.substring(separator + 3);
		String host = hostOf(authority);
		String port = authority.substring(host.length());
		boolean validHost = host.startsWith("[") ? host.length() > 2 && host.endsWith("]")
				&& host.substring(1, host.length() - 1).chars().allMatch(OriginMatcher::isIpv6Char)
				: !host.isEmpty() && host.chars().allMatch(OriginMatcher::isNameChar);
		boolean validPort = port.isEmpty() || (port.length() >= 2 && port.length() <= 6 && port.charAt(0) == ':'
				&& port.substring(1).chars().allMatch((c) -> c >= '0' && c <= '9'));
		return (validHost && validPort) ? host : null;
	}

	/** RFC 3986 §3.1: a letter, then letters, digits, "+", "-" or ".". */
	private static boolean isScheme(String scheme) {
		if (!Character.isLetter(scheme.charAt(0))) {
			return false;
		}
		return scheme.chars().allMatch((c) -> c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'));
	}

	/** RFC 3986 §2.3 unreserved characters, which is all a browser puts in a host name (IDNs arrive as punycode). */
	private static boolean isNameChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	private static boolean isIpv6Char(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
	}

	/** The host of a Host header (RFC 9110 §7.2): a name, an IPv4 address or a bracketed IPv6 one, then an optional port. */
	private static String hostOf(String hostHeader) {
		if (hostHeader.startsWith("[")) {
			int end = hostHeader.indexOf(']');
			return (end > 0) ? hostHeader.substring(0, end + 1) : hostHeader;
		}
		int colon = hostHeader.indexOf(':');
		return (colon >= 0) ? hostHeader.substring(0, colon) : hostHeader;
	}

}
