package dev.wsboot.engine.internal.protocol;

import dev.wsboot.engine.CloseStatus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds server-to-client frames (RFC 6455 §5.2): unmasked, FIN set, header and payload in one
 * buffer so that a frame is written, queued and shared as one unit; or the header alone, for a
 * large payload that is queued where it lies.
 */
public final class FrameEncoder {

	/** §5.5: control frames carry at most 125 bytes. */
	public static final int MAX_CONTROL_PAYLOAD = 125;

	private FrameEncoder() {
	}

	/** The header size for a payload length: 2, 4 or 10 bytes (§5.2). */
	public static int headerLength(int payloadLength) {
		if (payloadLength <= 125) {
			return 2;
		}
		return (payloadLength <= 0xFFFF) ? 4 : 10;
	}

	/**
	 * Writes an unmasked header with FIN set.
	 * @return the index after the header
	 */
	public static int writeHeader(byte[] target, int at, int opcode, int payloadLength) {
		target[at++] = (byte) (FrameHeader.FIN | opcode);
		if (payloadLength <= 125) {
			target[at++] = (byte) payloadLength;
		}
		else if (payloadLength <= 0xFFFF) {
			target[at++] = 126;
			target[at++] = (byte) (payloadLength >>> 8);
			target[at++] = (byte) payloadLength;
		}
		else {
			target[at++] = 127;
			long length = payloadLength;
			for (int shift = 56; shift >= 0; shift -= 8) {
				target[at++] = (byte) (length >>> shift);
			}
		}
		return at;
	}

	/** The header alone, for a payload queued where it lies. */
	public static byte[] header(int opcode, int payloadLength) {
		byte[] header = new byte[headerLength(payloadLength)];
		writeHeader(header, 0, opcode, payloadLength);
		return header;
	}

	/** A complete frame around a copy of the payload. */
	public static byte[] frame(int opcode, byte[] payload, int offset, int length) {
		byte[] frame = new byte[headerLength(length) + length];
		int at = writeHeader(frame, 0, opcode, length);
		System.arraycopy(payload, offset, frame, at, length);
		return frame;
	}

	/** A complete frame around a copy of the buffer's remaining bytes; the buffer is not moved. */
	public static byte[] frame(int opcode, ByteBuffer payload) {
		int length = payload.remaining();
		byte[] frame = new byte[headerLength(length) + length];
		int at = writeHeader(frame, 0, opcode, length);
		payload.get(payload.position(), frame, at, length);
		return frame;
	}

	/**
	 * A close frame (§5.5.1). The reason is cut at a character boundary to fit the 125-byte
	 * control frame limit. {@link CloseStatus#NO_STATUS} gives an empty body.
	 */
	public static byte[] close(int code, String reason) {
		if (code == CloseStatus.NO_STATUS) {
			return frame(Opcode.CLOSE, new byte[0], 0, 0);
		}
		byte[] utf8 = truncateUtf8((reason == null) ? "" : reason, MAX_CONTROL_PAYLOAD - 2);
		byte[] body = new byte[2 + utf8.length];
		body[0] = (byte) (code >>> 8);
		body[1] = (byte) code;
		System.arraycopy(utf8, 0, body, 2, utf8.length);
		return frame(Opcode.CLOSE, body, 0, body.length);
	}

	static byte[] truncateUtf8(String text, int maxBytes) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		if (utf8.length <= maxBytes) {
			return utf8;
		}
		int end = maxBytes;
		// Step back over continuation bytes (10xxxxxx) so no sequence is cut in half.
		while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
			end--;
		}
		return java.util.Arrays.copyOf(utf8, end);
	}

}
