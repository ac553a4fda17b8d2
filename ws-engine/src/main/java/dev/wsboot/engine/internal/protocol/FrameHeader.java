package dev.wsboot.engine.internal.protocol;

/**
 * The bits of a frame's first two header bytes (RFC 6455 §5.2), defined once for the decoder, the
 * encoders and the extension. Reserved bits are passed around in place, as they sit in the first
 * byte, so {@link #RSV1} means the same everywhere.
 */
public final class FrameHeader {

	public static final int FIN = 0x80;

	/** Set on the first frame of a compressed message once permessage-deflate is agreed (RFC 7692 §6). */
	public static final int RSV1 = 0x40;

	public static final int RSV_BITS = 0x70;

	public static final int OPCODE_BITS = 0x0F;

	/** In the second byte: the payload is masked (every client frame, §5.3). */
	public static final int MASKED = 0x80;

	/** In the second byte: the 7-bit payload length, or 126 / 127 for the longer forms. */
	public static final int LENGTH_BITS = 0x7F;

	private FrameHeader() {
	}

}
