package dev.wsboot.engine.internal.session;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks the Origin header (RFC 6455 §10.2, RFC 6454) against allowed values, where {@code *}
 * matches any run of characters. Comparison ignores case, as origins' scheme and host do.
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

	boolean allows(String origin) {
		if (this.any) {
			return true;
		}
		String candidate = origin.toLowerCase(Locale.ROOT);
		for (Pattern pattern : this.patterns) {
			if (pattern.matcher(candidate).matches()) {
				return true;
			}
		}
		return false;
	}

}
