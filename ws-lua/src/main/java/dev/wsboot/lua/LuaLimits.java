package dev.wsboot.lua;

/**
 * What one call into a script may use. {@link #DEFAULT} holds the defaults; the {@code ws.lua.*}
 * properties start from it.
 *
 * @param maxInstructionsPerCall Lua VM instructions one call (one event: a message, a connect, a
 * disconnect, a hook) may run before it is stopped with an error
 * @param maxStringSize bytes of the largest string a script may build with {@code string.rep},
 * {@code ..} or {@code table.concat}
 * @param maxTableSize slots (array part and hash part) past which a table takes no new key
 */
public record LuaLimits(long maxInstructionsPerCall, int maxStringSize, int maxTableSize) {

	public static final LuaLimits DEFAULT = new LuaLimits(1_000_000, 4 * 1024 * 1024, 1_000_000);

	public LuaLimits {
		if (maxInstructionsPerCall < 1) {
			throw new IllegalArgumentException("maxInstructionsPerCall must be at least 1, was " + maxInstructionsPerCall);
		}
		if (maxStringSize < 1) {
			throw new IllegalArgumentException("maxStringSize must be at least 1, was " + maxStringSize);
		}
		if (maxTableSize < 1) {
			throw new IllegalArgumentException("maxTableSize must be at least 1, was " + maxTableSize);
		}
	}

}
