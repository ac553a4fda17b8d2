package dev.wsboot.engine.internal.protocol;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.LimitsConfig;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads client-to-server frames (RFC 6455 §5.2) from bytes, however they are split: one byte at a
 * time or many frames per buffer. It keeps only a few fields of state between calls, so an idle
 * connection holds no buffer. Framing rules are checked here; message rules (fragmentation, UTF-8,
 * message size) belong to the {@link FrameListener}.
 */
public final class FrameDecoder {

	private enum State {

		/** Waiting for the first two header bytes. */
		HEADER,

		/** Reading the 2 or 8 byte extended payload length. */
		EXTENDED_LENGTH,

		/** Reading the 4 byte masking key. */
		MASK,

		/** Handing payload bytes to the listener. */
		PAYLOAD,

		/** A violation was found or the connection is closing; nothing more is read. */
		FAILED

	}

	private final FrameListener listener;

	private final long maxFrameSize;

	private final int allowedRsv;

	private State state = State.HEADER;

	private int opcode;

	private boolean fin;

	private int rsv;

	private int lengthBytes;

	private int bytesWanted;

	private long length;

	private int mask;

	private long remaining;

	/**
	 * @param listener receives the frames
	 * @param limits its {@link LimitsConfig#maxFrameSize()} is the largest payload accepted; larger
	 * frames fail with 1009
	 * @param allowedRsv the reserved bits a negotiated extension defines, in place as in
	 * {@link FrameHeader#RSV1} (0 when none is)
	 */
	public FrameDecoder(FrameListener listener, LimitsConfig limits, int allowedRsv) {
		this.listener = listener;
		this.maxFrameSize = limits.maxFrameSize();
		this.allowedRsv = allowedRsv;
	}

	/**
	 * Reads all bytes from the buffer's position to its limit, calling the listener for each
	 * header, payload piece and frame end.
	 * @throws WsProtocolException on the first violation; the decoder then stays failed
	 */
	public void decode(ByteBuffer buffer) {
		while (buffer.hasRemaining()) {
			switch (this.state) {
				case HEADER -> readHeader(buffer);
				case EXTENDED_LENGTH -> readExtendedLength(buffer);
				case MASK -> readMask(buffer);
				case PAYLOAD -> readPayload(buffer);
				case FAILED -> {
					buffer.position(buffer.limit());
					return;
				}
			}
		}
	}

	private void readHeader(ByteBuffer buffer) {
		if (this.bytesWanted == 0) {
			int b0 = buffer.get() & 0xFF;
			this.fin = (b0 & FrameHeader.FIN) != 0;
			this.rsv = b0 & FrameHeader.RSV_BITS;
			this.opcode = b0 & FrameHeader.OPCODE_BITS;
			// §5.2: nonzero RSV bits without an extension that defines them fail the connection.
			if ((this.rsv & ~this.allowedRsv) != 0) {
				throw fail(CloseStatus.PROTOCOL_ERROR, "Reserved bits set without a negotiated extension");
			}
			if (Opcode.isReserved(this.opcode)) {
				throw fail(CloseStatus.PROTOCOL_ERROR, "Reserved opcode " + this.opcode);
			}
			if (Opcode.isControl(this.opcode) && !this.fin) {
				// §5.5: control frames must not be fragmented.
				throw fail(CloseStatus.PROTOCOL_ERROR, "Fragmented control frame");
			}
			this.bytesWanted = 1;
			if (!buffer.hasRemaining()) {
				return;
			}
		}
		int b1 = buffer.get() & 0xFF;
		this.bytesWanted = 0;
		// §5.1: a server must close the connection on an unmasked client frame.
		if ((b1 & FrameHeader.MASKED) == 0) {
			throw fail(CloseStatus.PROTOCOL_ERROR, "Unmasked client frame");
		}
		int len7 = b1 & FrameHeader.LENGTH_BITS;
		if (Opcode.isControl(this.opcode) && len7 > 125) {
			// §5.5: control frames carry at most 125 bytes of payload.
			throw fail(CloseStatus.PROTOCOL_ERROR, "Control frame payload over 125 bytes");
		}
		if (len7 == 126) {
			this.lengthBytes = 2;
			this.bytesWanted = 2;
			this.length = 0;
			this.state = State.EXTENDED_LENGTH;
		}
		else if (len7 == 127) {
			this.lengthBytes = 8;
			this.bytesWanted = 8;
			this.length = 0;
			this.state = State.EXTENDED_LENGTH;
		}
		else {
			this.length = len7;
			this.bytesWanted = 4;
			this.mask = 0;
			this.state = State.MASK;
		}
	}

	private void readExtendedLength(ByteBuffer buffer) {
		while (this.bytesWanted > 0 && buffer.hasRemaining()) {
			this.length = (this.length << 8) | (buffer.get() & 0xFF);
			this.bytesWanted--;
		}
		if (this.bytesWanted > 0) {
			return;
		}
		// §5.2: the most significant bit of a 64-bit length must be 0, and the minimal number of
		// bytes must be used to encode the length.
		if (this.length < 0) {
			throw fail(CloseStatus.PROTOCOL_ERROR, "Payload length with the most significant bit set");
		}
		if ((this.lengthBytes == 2 && this.length < 126) || (this.lengthBytes == 8 && this.length <= 0xFFFF)) {
			throw fail(CloseStatus.PROTOCOL_ERROR, "Payload length not minimally encoded");
		}
		this.bytesWanted = 4;
		this.mask = 0;
		this.state = State.MASK;
	}

	private void readMask(ByteBuffer buffer) {
		if (this.bytesWanted == 4 && buffer.remaining() >= 4) {
			// The key is big-endian on the wire (§5.2), whatever order the buffer reads in.
			int word = buffer.getInt();
			this.mask = (buffer.order() == ByteOrder.BIG_ENDIAN) ? word : Integer.reverseBytes(word);
			this.bytesWanted = 0;
		}
		else {
			while (this.bytesWanted > 0 && buffer.hasRemaining()) {
				this.mask = (this.mask << 8) | (buffer.get() & 0xFF);
				this.bytesWanted--;
			}
			if (this.bytesWanted > 0) {
				return;
			}
		}
		if (this.length > this.maxFrameSize) {
			throw fail(CloseStatus.MESSAGE_TOO_BIG,
					"Frame of " + this.length + " bytes exceeds the limit of " + this.maxFrameSize);
		}
		this.remaining = this.length;
		this.state = State.PAYLOAD;
		try {
			this.listener.onFrameHeader(this.opcode, this.fin, this.rsv, this.length);
		}
		catch (WsProtocolException ex) {
			this.state = State.FAILED;
			throw ex;
		}
		if (this.remaining == 0) {
			endFrame();
		}
	}

	private void readPayload(ByteBuffer buffer) {
		int n = (int) Math.min(this.remaining, buffer.remaining());
		int maskIndex = (int) ((this.length - this.remaining) & 3);
		int end = buffer.position() + n;
		try {
			this.listener.onFramePayload(buffer, n, this.mask, maskIndex);
		}
		catch (WsProtocolException ex) {
			this.state = State.FAILED;
			throw ex;
		}
		buffer.position(end);
		this.remaining -= n;
		if (this.remaining == 0) {
			endFrame();
		}
	}

	private void endFrame() {
		this.state = State.HEADER;
		this.bytesWanted = 0;
		try {
			this.listener.onFrameEnd();
		}
		catch (WsProtocolException ex) {
			this.state = State.FAILED;
			throw ex;
		}
	}

	/**
	 * Whether the decoder waits for the first byte of a frame header, holding nothing of a frame:
	 * a new decoder would read the next bytes the same way.
	 */
	public boolean isBetweenFrames() {
		return this.state == State.HEADER && this.bytesWanted == 0;
	}

	/**
	 * Stops reading, for example after a close frame (RFC 6455 §5.5.1: no data after a close); the
	 * rest of the current buffer and later ones are discarded.
	 */
	public void stop() {
		this.state = State.FAILED;
	}

	private WsProtocolException fail(int code, String reason) {
		this.state = State.FAILED;
		return new WsProtocolException(code, reason);
	}

}
