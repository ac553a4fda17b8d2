package dev.wsboot.benchmarks.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * One prebuilt, masked client frame (RFC 6455 §5.2, §5.3) and the payload the server must send
 * back. The first {@link #STAMP} payload bytes are a send timestamp written as 16 lower-case hex
 * digits, valid UTF-8 in text frames too; sending a copy re-masks only those bytes.
 * <p>
 * A compressed template (permessage-deflate, RFC 7692 §7.2.1, client_no_context_takeover) is
 * deflated once: the timestamp goes in a stored block of its own (RFC 1951 §3.2.4), followed by
 * the rest of the payload deflated as usual, so stamping stays a copy and an overwrite while the
 * server still inflates real Huffman-coded data.
 * <p>
 * An enveloped template wraps the payload in protocol bytes that the server carries both ways,
 * such as a Socket.IO event's {@code 42["m","} and {@code "]}; the timestamp then starts after the
 * envelope's head.
 */
public final class FrameTemplate {

	/** Payload bytes that carry the timestamp. */
	public static final int STAMP = 16;

	private static final byte[] MASK = { 0x37, (byte) 0xfa, 0x21, 0x3d };

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final String UTF8_FILL = "héllo wörld €uro 𝄞 ключ 日本語 ";

	final int opcode;

	/** Where the timestamp starts in the payload: after the envelope's head, if any. */
	final int stampAt;

	/** The payload as the server must echo it, timestamp bytes zeroed. */
	final byte[] payload;

	/** The whole masked frame, ready to copy. */
	final byte[] frame;

	/** Where the payload starts in {@link #frame}. */
	final int payloadOffset;

	/** Where the timestamp starts in {@link #frame}: after the stored block's header when compressed. */
	private final int stampOffset;

	final boolean compressed;

	public FrameTemplate(MessageKind kind, int size) {
		this(kind, size, false);
	}

	/**
	 * @param compressed whether to send the payload deflated, with RSV1 set (RFC 7692 §6)
	 */
	public FrameTemplate(MessageKind kind, int size, boolean compressed) {
		this(kind, "", size, "", compressed);
	}

	/**
	 * An uncompressed ASCII text template of {@code size} payload bytes between {@code head} and
	 * {@code tail}, which must be ASCII too.
	 */
	public FrameTemplate(String head, int size, String tail) {
		this(MessageKind.TEXT_ASCII, head, size, tail, false);
	}

	private FrameTemplate(MessageKind kind, String head, int size, String tail, boolean compressed) {
		if (size < STAMP) {
			throw new IllegalArgumentException("Payloads carry a " + STAMP + "-byte timestamp; size " + size);
		}
		this.opcode = kind.opcode();
		this.stampAt = head.length();
		this.payload = envelope(head.getBytes(StandardCharsets.US_ASCII), fill(kind, size),
				tail.getBytes(StandardCharsets.US_ASCII));
		this.compressed = compressed;
		byte[] wire = compressed ? deflated(this.payload) : this.payload;
		int length = wire.length;
		int header = (length < 126) ? 2 : (length < 65536) ? 4 : 10;
		this.payloadOffset = header + 4;
		this.stampOffset = this.payloadOffset + this.stampAt + (compressed ? STORED_HEADER : 0);
		this.frame = new byte[this.payloadOffset + length];
		ByteBuffer b = ByteBuffer.wrap(this.frame);
		b.put((byte) (0x80 | (compressed ? 0x40 : 0) | this.opcode));
		if (length < 126) {
			b.put((byte) (0x80 | length));
		}
		else if (length < 65536) {
			b.put((byte) (0x80 | 126)).putShort((short) length);
		}
		else {
			b.put((byte) (0x80 | 127)).putLong(length);
		}
		b.put(MASK);
		for (int i = 0; i < length; i++) {
			b.put((byte) (wire[i] ^ MASK[i & 3]));
		}
	}

	private static byte[] envelope(byte[] head, byte[] body, byte[] tail) {
		byte[] out = new byte[head.length + body.length + tail.length];
		System.arraycopy(head, 0, out, 0, head.length);
		System.arraycopy(body, 0, out, head.length, body.length);
		System.arraycopy(tail, 0, out, head.length + body.length, tail.length);
		return out;
	}

	/** A non-final stored block's header: BFINAL 0, BTYPE 00, padding, LEN and NLEN little-endian. */
	private static final int STORED_HEADER = 5;

	/**
	 * The payload as one permessage-deflate message: the timestamp in a stored block, the rest
	 * deflated, the final empty stored block of the sync flush removed (RFC 7692 §7.2.1).
	 */
	private static byte[] deflated(byte[] payload) {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		try {
			deflater.setInput(payload, STAMP, payload.length - STAMP);
			byte[] body = new byte[payload.length + 64];
			int bodyLength = 0;
			while (true) {
				int n = deflater.deflate(body, bodyLength, body.length - bodyLength, Deflater.SYNC_FLUSH);
				bodyLength += n;
				if (bodyLength < body.length) {
					break;
				}
				body = Arrays.copyOf(body, body.length * 2);
			}
			bodyLength -= 4;
			byte[] out = new byte[STORED_HEADER + STAMP + bodyLength];
			out[0] = 0;
			out[1] = STAMP;
			out[2] = 0;
			out[3] = (byte) ~STAMP;
			out[4] = (byte) 0xff;
			System.arraycopy(payload, 0, out, STORED_HEADER, STAMP);
			System.arraycopy(body, 0, out, STORED_HEADER + STAMP, bodyLength);
			return out;
		}
		finally {
			deflater.end();
		}
	}

	/** Payload bytes, the envelope included. */
	public int size() {
		return this.payload.length;
	}

	/** Whether the payload goes deflated, with RSV1 set (RFC 7692 §6). */
	public boolean compressed() {
		return this.compressed;
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
			int at = this.stampOffset - this.payloadOffset + i;
			out.put(start + this.stampOffset + i, (byte) (HEX[digit] ^ MASK[at & 3]));
		}
	}

	/**
	 * Reads the timestamp from a message's payload bytes starting at {@code offset}, unmasking with
	 * {@code mask} (zero when unmasked).
	 */
	long readStamp(byte[] data, int offset, int mask) {
		long value = 0;
		for (int i = this.stampAt; i < this.stampAt + STAMP; i++) {
			int c = (data[offset + i] ^ Frames.maskByte(mask, i)) & 0xff;
			value = (value << 4) | ((c <= '9') ? c - '0' : c - 'a' + 10);
		}
		return value;
	}

	/**
	 * The bytes a server returns: masked only when echoed raw. Raw echoes take no part in
	 * compressed scenarios, so a compressed template expects the plain payload either way.
	 */
	byte[] expected(boolean masked) {
		return (masked && !this.compressed) ? maskedPayload() : this.payload;
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
