package dev.wsboot.engine.internal.session;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses query strings and Cookie header fields of the upgrade request.
 */
final class RequestValues {

	private RequestValues() {
	}

	/** Decodes {@code a=1&b=2&a=3} into names with their values in order (form encoding, UTF-8). */
	static Map<String, List<String>> queryParameters(String rawQuery) {
		if (rawQuery.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = decode((eq < 0) ? pair : pair.substring(0, eq));
			String value = (eq < 0) ? "" : decode(pair.substring(eq + 1));
			parameters.computeIfAbsent(name, (key) -> new ArrayList<>(1)).add(value);
		}
		parameters.replaceAll((name, values) -> List.copyOf(values));
		return Collections.unmodifiableMap(parameters);
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A malformed escape is kept as sent rather than refusing the whole request.
			return value;
		}
	}

	/** Reads {@code name=value; other=value} pairs (RFC 6265 §5.4); the first of a repeated name wins. */
	static Map<String, String> cookies(List<String> cookieHeaders) {
		if (cookieHeaders == null || cookieHeaders.isEmpty()) {
			return Map.of();
		}
		Map<String, String> cookies = new LinkedHashMap<>();
		for (String header : cookieHeaders) {
			for (String pair : header.split(";")) {
				int eq = pair.indexOf('=');
				if (eq <= 0) {
					continue;
				}
				String name = pair.substring(0, eq).trim();
				String value = pair.substring(eq + 1).trim();
				if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				cookies.putIfAbsent(name, value);
			}
		}
		return Collections.unmodifiableMap(cookies);
	}

}
