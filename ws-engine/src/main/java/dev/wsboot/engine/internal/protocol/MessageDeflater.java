package dev.wsboot.engine.internal.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

import org.jspecify.annotations.Nullable;

/**
 * Compresses whole outgoing messages for one connection (RFC 7692 §7.2.1) into single frames with
 * RSV1 set (§6). With context takeover the connection owns a Deflater, taken on its first
 * compressed message and given back to the pool on {@link #release()}; without it
 * ({@code server_no_context_takeover}) every message borrows a Deflater from the pool and the
 * connection holds none between messages.
 *
 * <p>Thread-safe. With context takeover the client decompresses messages in the order they were
 * compressed, so a caller that compresses and queues from several threads must hold this object's
 * monitor across both.
 */
public final class MessageDeflater {

	/** Room for the longest header (RFC 6455 §5.2), written in front of the payload once its size is known. */
	private static final int MAX_HEADER = 10;

	private final ZlibPool pool;

	private final boolean contextTakeover;

	private @Nullable Deflater deflater;

	private boolean released;

	/**
	 * @param pool where Deflaters come from and go back to
	 * @param contextTakeover whether to keep one Deflater, and its context, for every message;
	 * false when {@code server_no_context_takeover} was agreed
	 */
	public MessageDeflater(ZlibPool pool, boolean contextTakeover) {
		this.pool = pool;
		this.contextTakeover = contextTakeover;
	}

	/**
	 * Whether each message is compressed from a fresh state: its frame is then the same for every
	 * connection without context takeover, and a broadcast can compress once for all of them.
	 */
	public boolean isContextFree() {
		return !this.contextTakeover;
	}

	/**
	 * A frame with RSV1 set holding the compressed message.
	 * @return the frame, or null once {@link #release() released}
	 */
	public @Nullable ByteBuffer frame(int opcode, byte[] data, int offset, int length) {
		if (!this.contextTakeover) {
			return compressOnce(this.pool, opcode, data, offset, length);
		}
		synchronized (this) {
			if (this.released) {
				return null;
			}
			if (this.deflater == null) {
				this.deflater = this.pool.takeDeflater();
			}
			return compress(this.deflater, opcode, data, offset, length);
		}
	}

	/** Gives the Deflater back; later messages are not compressed. */
	public synchronized void release() {
		this.released = true;
		if (this.deflater != null) {
			this.pool.release(this.deflater);
			this.deflater = null;
		}
	}

	/**
	 * Compresses a message from a fresh state with a Deflater borrowed from the pool: the frame any
	 * connection with {@code server_no_context_takeover} would send.
	 */
	public static ByteBuffer compressOnce(ZlibPool pool, int opcode, byte[] data, int offset, int length) {
		Deflater deflater = pool.takeDeflater();
		try {
			return compress(deflater, opcode, data, offset, length);
		}
		finally {
			pool.release(deflater);
		}
	}

	/**
	 * §7.2.1: deflates the message, ends it with a sync flush, and removes the flush's
	 * 0x00 0x00 0xff 0xff tail. The header is written in front of the payload in the same array,
	 * so the frame costs one allocation (two when the guess of its size was too small or far too
	 * large).
	 */
	static ByteBuffer compress(Deflater deflater, int opcode, byte[] data, int offset, int length) {
		deflater.setInput(data, offset, length);
		byte[] out = new byte[MAX_HEADER + 64 + length / 2];
		int end = MAX_HEADER;
		while (true) {
			end += deflater.deflate(out, end, out.length - end, Deflater.SYNC_FLUSH);
			if (end < out.length) {
				// Less than the space offered: the flush is complete (Deflater#deflate with SYNC_FLUSH).
				break;
			}
			out = Arrays.copyOf(out, out.length * 2);
		}
		if (end == MAX_HEADER) {
			// zlib makes no output for an empty message right after a flush: send the empty stored
			// block's first byte, 0x00, as §7.2.3.6 shows; the client's appended tail completes it.
			out[end++] = 0;
			return frameAround(out, 1, opcode);
		}
		int payloadLength = end - MAX_HEADER - 4;
		if (payloadLength < 0 || out[end - 4] != 0 || out[end - 3] != 0 || out[end - 2] != (byte) 0xFF
				|| out[end - 1] != (byte) 0xFF) {
			throw new IllegalStateException("A sync flush must end with 0x00 0x00 0xff 0xff");
		}
		if (out.length - end > 4096 && out.length - end > end / 4) {
			// Queued frames live until written: do not keep a mostly empty array that long.
			out = Arrays.copyOf(out, end);
		}
		return frameAround(out, payloadLength, opcode);
	}

	/** Writes the header in front of the payload, which starts at {@link #MAX_HEADER}. */
	private static ByteBuffer frameAround(byte[] out, int payloadLength, int opcode) {
		int headerLength = FrameEncoder.headerLength(payloadLength);
		int start = MAX_HEADER - headerLength;
		FrameEncoder.writeHeader(out, start, FrameHeader.RSV1 | opcode, payloadLength);
		return ByteBuffer.wrap(out, start, headerLength + payloadLength).slice();
	}

}
