package dev.wsboot.engine.internal.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XOR masking of RFC 6455 §5.3, eight bytes at a time.
 */
public final class Masking {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private Masking() {
	}

	/**
	 * Unmasks {@code length} bytes of {@code data} in place.
	 * @param data the bytes
	 * @param offset the first byte to unmask
	 * @param length how many bytes
	 * @param mask the four-byte masking key, big-endian, as read from the frame header
	 * @param maskIndex the position in the payload of {@code data[offset]}, modulo 4 (a payload can
	 * arrive in several reads)
	 */
	public static void unmask(byte[] data, int offset, int length, int mask, int maskIndex) {
		// Rotate the key so that its first byte applies to data[offset].
		int shift = (maskIndex & 3) * 8;
		int key = (shift == 0) ? mask : (mask << shift) | (mask >>> (32 - shift));
		long key8 = ((long) key << 32) | (key & 0xFFFFFFFFL);
		int i = offset;
		int end = offset + length;
		for (; i + 8 <= end; i += 8) {
			LONGS.set(data, i, (long) LONGS.get(data, i) ^ key8);
		}
		for (int k = 0; i < end; i++, k++) {
			data[i] ^= (byte) (key >>> (24 - 8 * (k & 3)));
		}
	}

}
