package dev.wsboot.benchmarks.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * One prebuilt, masked client frame (RFC 6455 §5.2, §5.3) and the payload the server must send
 * back. The first {@link #STAMP} payload bytes are a send timestamp written as 16 lower-case hex
 * digits, valid UTF-8 in text frames too; sending a copy re-masks only those bytes.
 */
public final class FrameTemplate {

	/** Payload bytes that carry the timestamp. */
	public static final int STAMP = 16;

	private static final byte[] MASK = { 0x37, (byte) 0xfa, 0x21, 0x3d };

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final String UTF8_FILL = "héllo wörld €uro 𝄞 ключ 日本語 ";

	final int opcode;

	/** The payload as the server must echo it, timestamp bytes zeroed. */
	final byte[] payload;

	/** The whole masked frame, ready to copy. */
	final byte[] frame;

	/** Where the payload starts in {@link #frame}. */
	final int payloadOffset;

	public FrameTemplate(MessageKind kind, int size) {
		if (size < STAMP) {
			throw new IllegalArgumentException("Payloads carry a " + STAMP + "-byte timestamp; size " + size);
		}
		this.opcode = kind.opcode();
		this.payload = fill(kind, size);
		int header = (size < 126) ? 2 : (size < 65536) ? 4 : 10;
		this.payloadOffset = header + 4;
		this.frame = new byte[this.payloadOffset + size];
		ByteBuffer b = ByteBuffer.wrap(this.frame);
		b.put((byte) (0x80 | this.opcode));
		if (size < 126) {
			b.put((byte) (0x80 | size));
		}
		else if (size < 65536) {
			b.put((byte) (0x80 | 126)).putShort((short) size);
		}
		else {
			b.put((byte) (0x80 | 127)).putLong(size);
		}
		b.put(MASK);
		for (int i = 0; i < size; i++) {
			b.put((byte) (this.payload[i] ^ MASK[i & 3]));
		}
	}

	public int size() {
		return this.payload.length;
	}

	public int frameLength() {
		return this.frame.length;
	}

	/** Appends a copy of the frame stamped with {@code nanos}. */
	void writeStamped(ByteBuffer out, long nanos) {
		int start = out.position();
		out.put(this.frame);
		for (int i = 0; i < STAMP; i++) {
			int digit = (int) (nanos >>> ((STAMP - 1 - i) * 4)) & 0xf;
			out.put(start + this.payloadOffset + i, (byte) (HEX[digit] ^ MASK[i & 3]));
		}
	}

	/** Reads the timestamp from payload bytes, unmasking with {@code mask} (zero when unmasked). */
	static long readStamp(byte[] data, int offset, int mask) {
		long value = 0;
		for (int i = 0; i < STAMP; i++) {
			int m = (mask >>> ((3 - (i & 3)) * 8)) & 0xff;
			int c = (data[offset + i] ^ m) & 0xff;
			value = (value << 4) | ((c <= '9') ? c - '0' : c - 'a' + 10);
		}
		return value;
	}

	/** The bytes a server returns for {@code payload[from..]}: masked only when echoed raw. */
	byte[] expected(boolean masked) {
		return masked ? maskedPayload() : this.payload;
	}

	private byte[] maskedPayload() {
		byte[] masked = new byte[this.payload.length];
		System.arraycopy(this.frame, this.payloadOffset, masked, 0, masked.length);
		return masked;
	}

	static int maskKey() {
		return ByteBuffer.wrap(MASK).getInt();
	}

	private static byte[] fill(MessageKind kind, int size) {
		byte[] out = new byte[size];
		for (int i = 0; i < STAMP; i++) {
			out[i] = '0';
		}
		if (kind == MessageKind.BINARY) {
			byte[] random = new byte[size - STAMP];
			new Random(size).nextBytes(random);
			System.arraycopy(random, 0, out, STAMP, random.length);
			return out;
		}
		int at = STAMP;
		if (kind == MessageKind.TEXT_UTF8) {
			// Whole characters only, then ASCII to fill the exact size: the text stays valid UTF-8.
			outer: while (true) {
				for (int cp : UTF8_FILL.codePoints().toArray()) {
					byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
					if (at + bytes.length > size) {
						break outer;
					}
					System.arraycopy(bytes, 0, out, at, bytes.length);
					at += bytes.length;
				}
			}
		}
		for (int i = 0; at < size; i++, at++) {
			out[at] = (byte) ('a' + (i % 26));
		}
		return out;
	}

}
