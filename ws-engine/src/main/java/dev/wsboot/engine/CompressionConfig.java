package dev.wsboot.engine;

import static dev.wsboot.engine.Settings.check;

/**
 * The permessage-deflate extension (RFC 7692): whether the server accepts it, and how it
 * compresses. A part of {@link WsServerConfig}. Its settings are named with a {@code compression}
 * prefix when one is refused ({@code compressionLevel}), as the Spring Boot properties
 * {@code ws.compression.*} are.
 *
 * @param enabled whether to accept the extension when a client offers it. Off by default:
 * compression costs CPU on every message, and compressing secrets together with data an attacker
 * chooses can leak them through the message size (as CRIME did for TLS).
 * @param contextTakeover whether compressed connections keep their compression context from one
 * message to the next (RFC 7692 §7.1.1). Keeping it compresses small, similar messages much better,
 * but holds a {@code Deflater} and an {@code Inflater} per connection, in native memory: measured
 * as resident memory over 1,000 pairs ({@code DeflateMemoryHarness} in the tests), 82 KiB per
 * Deflater once created, 130 KiB once it compressed a 2 KB message, plus 13 KiB per Inflater, so
 * about 145 KiB per connection, and up to about 300 KiB once large messages have filled both
 * windows. Without it, the server answers with {@code server_no_context_takeover} and
 * {@code client_no_context_takeover}, borrows a codec from a small pool for each message, and an
 * idle compressed connection holds no native memory; a broadcast is then compressed once for every
 * such client. Off by default, for memory.
 * @param minSize messages whose payload is smaller than this many bytes are sent uncompressed:
 * deflate saves little on them and its block overhead can even make them larger
 * @param level the deflate level of compressed messages, 1 (fastest) to 9 (smallest); 6 by
 * default, zlib's own default. Measured with the benchmarks' JMH {@code CompressionBenchmark} on
 * mixed text without context takeover: level 1 deflates a 16 KiB message about five times as fast
 * as 6, a 1 KiB message only about 1.4 times, because zlib clears its hash table for every message
 * whatever the level.
 */
public record CompressionConfig(boolean enabled, boolean contextTakeover, int minSize, int level) {

	/** Off; when enabled, no context takeover, messages from 256 bytes, level 6. */
	public static final CompressionConfig DEFAULT = new CompressionConfig(false, false, 256, 6);

	/**
	 * @throws InvalidSettingException naming the setting whose value is out of range
	 */
	public CompressionConfig {
		check(minSize >= 0, "compressionMinSize", minSize, "must not be negative");
		check(level >= 1 && level <= 9, "compressionLevel", level, "must be from 1 (fastest) to 9 (smallest)");
	}

	public static Builder builder() {
		return DEFAULT.toBuilder();
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Changes some settings of a {@link CompressionConfig}; {@link #build()} checks them. */
	public static final class Builder {

		private boolean enabled;

		private boolean contextTakeover;

		private int minSize;

		private int level;

		private Builder(CompressionConfig from) {
			this.enabled = from.enabled;
			this.contextTakeover = from.contextTakeover;
			this.minSize = from.minSize;
			this.level = from.level;
		}

		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		public Builder contextTakeover(boolean contextTakeover) {
			this.contextTakeover = contextTakeover;
			return this;
		}

		public Builder minSize(int minSize) {
			this.minSize = minSize;
			return this;
		}

		public Builder level(int level) {
			this.level = level;
			return this;
		}

		/** @throws InvalidSettingException naming the setting whose value is out of range */
		public CompressionConfig build() {
			return new CompressionConfig(this.enabled, this.contextTakeover, this.minSize, this.level);
		}

	}

}
