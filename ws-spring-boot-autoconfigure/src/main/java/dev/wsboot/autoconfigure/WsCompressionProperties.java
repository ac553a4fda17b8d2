package dev.wsboot.autoconfigure;

import org.springframework.util.unit.DataSize;

/**
 * The permessage-deflate extension (RFC 7692), bound to {@code ws.compression.*} as part of
 * {@link WsProperties}.
 */
public class WsCompressionProperties {

	/**
	 * Whether to accept permessage-deflate when a client offers it. Compression costs CPU, and
	 * compressing secrets together with attacker-chosen data can leak them through message
	 * sizes.
	 */
	private boolean enabled = false;

	/**
	 * Smallest message payload to compress. Smaller messages are sent uncompressed.
	 */
	private DataSize minSize = DataSize.ofBytes(256);

	/**
	 * Whether compressed connections may keep their compression context between messages.
	 * Better compression of small similar messages, at the cost of a Deflater and an Inflater
	 * held by every connection (about 150 to 300 KiB of native memory each); without it, idle
	 * compressed connections hold none and broadcasts are compressed once.
	 */
	private boolean contextTakeover = false;

	/**
	 * Deflate level, from 1 (fastest) to 9 (smallest). Lower levels save most CPU on large
	 * messages.
	 */
	private int level = 6;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getMinSize() {
		return this.minSize;
	}

	public void setMinSize(DataSize minSize) {
		this.minSize = minSize;
	}

	public boolean isContextTakeover() {
		return this.contextTakeover;
	}

	public void setContextTakeover(boolean contextTakeover) {
		this.contextTakeover = contextTakeover;
	}

	public int getLevel() {
		return this.level;
	}

	public void setLevel(int level) {
		this.level = level;
	}

}
