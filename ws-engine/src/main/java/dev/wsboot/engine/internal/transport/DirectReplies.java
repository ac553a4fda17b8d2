package dev.wsboot.engine.internal.transport;

import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;

/**
 * The frames a handler on the I/O thread sends to the connection the loop is reading, put straight
 * into the loop's direct write buffer and written when the read is done. Internal API.
 *
 * <p>Why: a reply queued as a frame is a heap array of its own (a copy of the message), a queue
 * node, and a second copy into the write buffer when the loop flushes. Put here it is copied once,
 * and a message larger than the buffer goes out in buffer-sized writes without ever being copied
 * whole. Replies are appended only while nothing waits in the connection's queue, so they keep
 * their order with every other frame: what is queued after them is written after them.
 *
 * <p>One per loop, used on its thread only. Any flush of any connection first ends the open run,
 * since it writes through the same buffer.
 */
public final class DirectReplies {

	private final ByteBuffer out;

	/** The largest frame header (RFC 6455 §5.2): 2 bytes, 8 of length; servers do not mask. */
	private final byte[] header = new byte[10];

	/** What the socket left of the buffer when a write ended the run, until it is queued. */
	private @Nullable ByteBuffer left;

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

	/**
	 * Appends one frame, header then payload, writing full buffers to the socket as they fill;
	 * when the socket takes less than a full buffer, the rest goes to the head of the connection's
	 * queue and the run ends.
	 * @param headerLength the bytes of {@link #headerScratch()} that are the frame's header
	 */
	public void append(int headerLength, byte[] payload, int offset, int length) {
		if (headerLength + length <= this.out.remaining()) {
			this.out.put(this.header, 0, headerLength).put(payload, offset, length);
			return;
		}
		append(headerLength, ByteBuffer.wrap(payload, offset, length));
	}

	/**
	 * Appends one frame as {@link #append(int, byte[], int, int)} does, its payload the buffer's
	 * remaining bytes (or a finished frame after a header of length 0), leaving the buffer's
	 * position alone so that a frame shared by a broadcast stays intact.
	 */
	public void append(int headerLength, ByteBuffer payload) {
		Connection connection = this.owner;
		if (headerLength > this.out.remaining() && !writeFull(connection)) {
			stopped(connection, copyOf(this.header, headerLength, payload, payload.position()));
			return;
		}
		this.out.put(this.header, 0, headerLength);
		int at = payload.position();
		int end = payload.limit();
		while (true) {
			int n = Math.min(end - at, this.out.remaining());
			this.out.put(this.out.position(), payload, at, n);
			this.out.position(this.out.position() + n);
			at += n;
			if (at == end) {
				return;
			}
			if (!writeFull(connection)) {
				stopped(connection, copyOf(this.header, 0, payload, at));
				return;
			}
		}
	}

	/**
	 * Writes a full buffer. @return whether it all went and appending goes on; if not (the socket
	 * pushed back, or the connection failed) the run is over and {@link #stopped} must follow
	 */
	private boolean writeFull(Connection connection) {
		this.out.flip();
		ByteBuffer left = connection.writeDirect(this.out);
		this.out.clear();
		if (left == null && !connection.isClosed()) {
			return true;
		}
		this.owner = null;
		this.left = left;
		return false;
	}

	/**
	 * After a write that ended the run: the head of the queue is what the socket left of the
	 * buffer, then the rest of the frame, then whatever was queued before.
	 */
	private void stopped(Connection connection, ByteBuffer rest) {
		if (!connection.isClosed()) {
			connection.queueAtHead(rest);
			connection.queueAtHead(this.left);
		}
		this.left = null;
	}

	/**
	 * A copy of what is left of a frame, to queue: the sender may change its array once the send
	 * returned. It is made only when the socket pushes back.
	 */
	private static ByteBuffer copyOf(byte[] header, int headerLength, ByteBuffer payload, int from) {
		ByteBuffer copy = ByteBuffer.allocate(headerLength + payload.limit() - from);
		copy.put(header, 0, headerLength).put(payload.duplicate().position(from));
		return copy.flip();
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
			ByteBuffer left = connection.writeDirect(this.out);
			if (left != null && !connection.isClosed()) {
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
