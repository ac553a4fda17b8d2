package dev.wsboot.engine.internal.protocol;

import java.nio.ByteBuffer;

/**
 * Receives the frames a {@link FrameDecoder} reads, one header, then the payload in one or more
 * pieces, then the end. Implementations throw {@link WsProtocolException} to fail the connection.
 */
public interface FrameListener {

	/**
	 * A frame header was read and passed the framing rules of RFC 6455 §5.2.
	 * @param opcode the frame's opcode
	 * @param fin whether this is the final fragment
	 * @param rsv the three reserved bits in place, as {@link FrameHeader#RSV_BITS} masks them
	 * @param length the payload length
	 */
	void onFrameHeader(int opcode, boolean fin, int rsv, long length);

	/**
	 * A piece of the current frame's payload is available. The listener must consume exactly
	 * {@code length} bytes from {@code source}, starting at its position.
	 * @param source the buffer holding the still masked bytes
	 * @param length how many bytes belong to the payload
	 * @param mask the masking key, big-endian
	 * @param maskIndex the position of the first of these bytes in the payload, modulo 4
	 */
	void onFramePayload(ByteBuffer source, int length, int mask, int maskIndex);

	/** The current frame's payload is complete. */
	void onFrameEnd();

}
