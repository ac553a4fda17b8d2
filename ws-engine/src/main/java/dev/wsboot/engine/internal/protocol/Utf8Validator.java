package dev.wsboot.engine.internal.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Incremental UTF-8 validation (RFC 3629) with a table-driven DFA after Bjoern Hoehrmann, whose
 * state spans calls so that a text message split across frames and reads is validated as one
 * sequence (RFC 6455 §8.1). Validation stops at the first byte that cannot start or continue a
 * valid sequence, so a bad message is failed before the rest of it arrives.
 *
 * <p>We keep our own validator instead of a {@code CharsetDecoder} because the JDK decoder neither
 * keeps state across arbitrary splits cheaply nor reports the first bad byte without decoding
 * everything before it. Runs of ASCII are skipped eight bytes at a time.
 */
public final class Utf8Validator {

	/** The state after a complete sequence. */
	public static final int ACCEPT = 0;

	/** The state after an invalid byte; it is never left. */
	public static final int REJECT = 12;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private static final long NON_ASCII = 0x8080808080808080L;

	// Character classes of each byte value.
	private static final byte[] TYPES = new byte[256];

	// Transitions: STATES[state + type], states are multiples of 12.
	private static final byte[] STATES = { 0, 12, 24, 36, 60, 96, 84, 12, 12, 12, 48, 72, 12, 12, 12, 12, 12, 12, 12,
			12, 12, 12, 12, 12, 12, 0, 12, 12, 12, 12, 12, 0, 12, 0, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 24, 12,
			12, 12, 12, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12,
			12, 12, 12, 12, 12, 36, 12, 36, 12, 12, 12, 36, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12, 12, 36, 12, 12, 12,
			12, 12, 12, 12, 12, 12, 12 };

	static {
		fill(0x80, 0x8F, 1);
		fill(0x90, 0x9F, 9);
		fill(0xA0, 0xBF, 7);
		fill(0xC0, 0xC1, 8);
		fill(0xC2, 0xDF, 2);
		fill(0xE0, 0xE0, 10);
		fill(0xE1, 0xEC, 3);
		fill(0xED, 0xED, 4);
		fill(0xEE, 0xEF, 3);
		fill(0xF0, 0xF0, 11);
		fill(0xF1, 0xF3, 6);
		fill(0xF4, 0xF4, 5);
		fill(0xF5, 0xFF, 8);
	}

	private int state = ACCEPT;

	private static void fill(int from, int to, int type) {
		for (int b = from; b <= to; b++) {
			TYPES[b] = (byte) type;
		}
	}

	/**
	 * Feeds bytes to the validator.
	 * @return the index of the first invalid byte, or -1 if every byte so far can belong to valid
	 * UTF-8
	 */
	public int update(byte[] data, int offset, int length) {
		int s = this.state;
		if (s == REJECT) {
			return offset;
		}
		int i = offset;
		int end = offset + length;
		while (i < end) {
			if (s == ACCEPT) {
				while (i + 8 <= end && (((long) LONGS.get(data, i)) & NON_ASCII) == 0) {
					i += 8;
				}
				if (i == end) {
					break;
				}
			}
			s = STATES[s + TYPES[data[i] & 0xFF]];
			if (s == REJECT) {
				this.state = REJECT;
				return i;
			}
			i++;
		}
		this.state = s;
		return -1;
	}

	/** Whether the bytes so far form complete, valid UTF-8 (no sequence left unfinished). */
	public boolean isComplete() {
		return this.state == ACCEPT;
	}

	public void reset() {
		this.state = ACCEPT;
	}

	/** Whether the whole range is complete, valid UTF-8. */
	public static boolean isValid(byte[] data, int offset, int length) {
		Utf8Validator validator = new Utf8Validator();
		return validator.update(data, offset, length) < 0 && validator.isComplete();
	}

}
