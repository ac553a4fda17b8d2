package dev.wsboot.engine.internal.transport;

import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;

/**
 * The frames a handler on the I/O thread sends to the connection the loop is reading, put straight
 * into the loop's direct write buffer and written when the read is done. Internal API.
 *
 * <p>Why: a reply queued as a frame is a heap array of its own (a copy of the message), a queue
 * node, and a second copy into the write buffer when the loop flushes. Put here it is copied once.
 * Replies are appended only while nothing waits in the connection's queue, so they keep their
 * order with every other frame: what is queued after them is written after them. Only frames that
 * fit in what is left of the buffer: a larger one is queued as before (streamed through the buffer
 * in writes of its size, echoes of 64 KiB ran at a third of their queued rate).
 *
 * <p>One per loop, used on its thread only. Any flush of any connection first ends the open run,
 * since it writes through the same buffer.
 */
public final class DirectReplies {

	private final ByteBuffer out;

	/** The largest frame header (RFC 6455 §5.2): 2 bytes, 8 of length; servers do not mask. */
	private final byte[] header = new byte[10];

	/** The connection being read whose replies are appended, or null. */
	private @Nullable Connection owner;

	DirectReplies(ByteBuffer writeBuffer) {
		this.out = writeBuffer;
	}

	/** The loop starts reading the connection: its replies may be appended. */
	void open(Connection connection) {
		if (this.owner != null) {
			end();
		}
		this.owner = connection;
		this.out.clear();
	}

	/** Whether the connection's replies are appended now. */
	boolean isOpenFor(Connection connection) {
		return this.owner == connection;
	}

	/** A scratch array for the header of the next frame; loop thread only. */
	public byte[] headerScratch() {
		return this.header;
	}

	/** Whether a frame of this many bytes, header included, fits in what is left of the buffer. */
	boolean fits(long frameLength) {
		return frameLength <= this.out.remaining();
	}

	/**
	 * Appends one frame that {@link #fits}: header, then payload.
	 * @param headerLength the bytes of {@link #headerScratch()} that are the frame's header
	 */
	public void append(int headerLength, byte[] payload, int offset, int length) {
		this.out.put(this.header, 0, headerLength).put(payload, offset, length);
	}

	/** Appends a finished frame that {@link #fits} (a broadcast's). */
	public void append(byte[] frame) {
		this.out.put(frame);
	}

	/** Writes what was appended and ends the run; what the socket does not take is queued first. */
	void end() {
		Connection connection = this.owner;
		if (connection == null) {
			return;
		}
		this.owner = null;
		if (this.out.position() > 0) {
			this.out.flip();
			if (connection.writeDirect(this.out) && this.out.hasRemaining() && !connection.isClosed()) {
				byte[] left = new byte[this.out.remaining()];
				this.out.get(left);
				connection.queueAtHead(left);
			}
		}
		this.out.clear();
	}

	/** The connection closed: what it appended is dropped with the rest of its output. */
	void discard(Connection connection) {
		if (this.owner == connection) {
			this.owner = null;
			this.out.clear();
		}
	}

}
