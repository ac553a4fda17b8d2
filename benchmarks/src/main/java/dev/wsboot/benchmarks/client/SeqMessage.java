package dev.wsboot.benchmarks.client;

import java.nio.ByteBuffer;

/**
 * The soak's text messages: {@code K<id>:<seq>:} (kind letter, sender id and sequence number in
 * decimal) followed by filler that depends on both numbers, so a message that comes back altered,
 * or one sender's bytes under another's header, is seen. Written as masked client frames with an
 * all-zero key (RFC 6455 §5.3 allows any key; zero leaves the payload as it is).
 */
final class SeqMessage {

	static final byte ECHO = 'E';

	static final byte BROADCAST = 'B';

	/** What {@link #parse} found; one instance reused by the load's thread. */
	static final class Parsed {

		byte kind;

		long id;

		long seq;

	}

	private SeqMessage() {
	}

	/** The frame length of a message of {@code size} payload bytes. */
	static int frameLength(int size) {
		return ((size < 126) ? 2 : 4) + 4 + size;
	}

	/** Appends one masked text frame of {@code size} payload bytes (at most 65,535). */
	static void write(ByteBuffer out, byte kind, long id, long seq, int size) {
		byte[] head = (((char) kind) + Long.toString(id) + ":" + seq + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		if (size < head.length) {
			throw new IllegalArgumentException("size " + size + " is shorter than the header " + head.length);
		}
		out.put((byte) 0x81);
		if (size < 126) {
			out.put((byte) (0x80 | size));
		}
		else {
			out.put((byte) (0x80 | 126)).putShort((short) size);
		}
		out.putInt(0);
		out.put(head);
		for (int i = head.length; i < size; i++) {
			out.put(filler(id, seq, i));
		}
	}

	/**
	 * Reads the header of an unmasked payload and checks the filler.
	 * @return false when the payload is not a well-formed soak message
	 */
	static boolean parse(byte[] data, int offset, int length, Parsed into) {
		if (length < 5) {
			return false;
		}
		into.kind = data[offset];
		int at = offset + 1;
		int end = offset + length;
		long id = 0;
		int digits = 0;
		while (at < end && data[at] != ':') {
			int d = data[at++] - '0';
			if (d < 0 || d > 9 || ++digits > 18) {
				return false;
			}
			id = id * 10 + d;
		}
		at++;
		long seq = 0;
		digits = 0;
		while (at < end && data[at] != ':') {
			int d = data[at++] - '0';
			if (d < 0 || d > 9 || ++digits > 18) {
				return false;
			}
			seq = seq * 10 + d;
		}
		if (at >= end) {
			return false;
		}
		at++;
		for (int i = at - offset; i < length; i++) {
			if (data[offset + i] != filler(id, seq, i)) {
				return false;
			}
		}
		into.id = id;
		into.seq = seq;
		return true;
	}

	private static byte filler(long id, long seq, int index) {
		return (byte) ('a' + (int) ((id * 7 + seq * 3 + index) % 26));
	}

}
