package dev.wsboot.engine;

import java.time.Duration;

/**
 * The range checks the configuration parts share. Each failure names the setting as the flat
 * builder used to (maxFrameSize, compressionLevel), so the Spring Boot starter can map it onto its
 * property name.
 */
final class Settings {

	private Settings() {
	}

	static void check(boolean valid, String name, Object value, String rule) {
		if (!valid) {
			throw new InvalidSettingException(name, value, rule);
		}
	}

	static void checkPositive(Duration value, String name) {
		check(value != null && !value.isNegative() && !value.isZero(), name, value, "must be a positive duration");
	}

	static void checkNotNegative(Duration value, String name) {
		check(value != null && !value.isNegative(), name, value, "must not be negative (zero turns it off)");
	}

}
