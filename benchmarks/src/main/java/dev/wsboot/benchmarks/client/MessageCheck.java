package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * Verifies every returned message against its template, fragments joined, and reports each
 * complete message with its send timestamp. A raw TCP echo returns the masked bytes it got, so
 * masked frames are compared with the masked template. Compressed messages (RSV1, RFC 7692 §6)
 * are inflated first.
 */
final class MessageCheck implements Frames.Sink {

	interface Completion {

		void message(Conn conn, long stampNanos) throws IOException;

	}

	private final FrameTemplate template;

	private final byte[] plain;

	private final byte[] masked;

	private final Completion completion;

	/** Where compressed messages are inflated: one byte more than expected, to catch overlong ones. */
	private final byte[] inflated;

	long errors;

	private long messages;

	private long compressed;

	MessageCheck(FrameTemplate template, Completion completion) {
		this.template = template;
		this.plain = template.expected(false);
		this.masked = template.expected(true);
		this.completion = completion;
		this.inflated = template.compressed ? new byte[this.plain.length + 1] : new byte[0];
	}

	/** The share of complete messages that arrived compressed; NaN unless the template is compressed. */
	double compressedShare() {
		return (!this.template.compressed || this.messages == 0) ? Double.NaN : (double) this.compressed / this.messages;
	}

	@Override
	public void frame(Conn conn, int b0, byte[] data, int offset, int length, int mask) throws IOException {
		int opcode = b0 & 0x0f;
		if (opcode == Frames.OP_PING) {
			Frames.pong(conn, data, offset, length, mask);
			return;
		}
		if (opcode == Frames.OP_CLOSE) {
			throw new IOException("Server sent a close frame: " + Frames.closeStatus(data, offset, length, mask));
		}
		if (opcode > Frames.OP_CLOSE) {
			return;
		}
		if ((b0 & 0x40) != 0 || conn.inflating()) {
			compressedFrame(conn, b0, data, offset, length, mask);
			return;
		}
		check(conn, b0, data, offset, length, mask);
	}

	private void compressedFrame(Conn conn, int b0, byte[] data, int offset, int length, int mask) throws IOException {
		if ((b0 & 0x0f) != Frames.OP_CONTINUATION) {
			conn.startCompressed();
		}
		conn.appendCompressed(data, offset, length, mask);
		if ((b0 & 0x80) == 0) {
			return;
		}
		this.compressed++;
		try {
			int inflated = conn.inflate(this.inflated);
			check(conn, 0x80 | this.template.opcode, this.inflated, 0, inflated, 0);
		}
		catch (DataFormatException ex) {
			this.errors++;
			this.completion.message(conn, 0);
		}
	}

	private void check(Conn conn, int b0, byte[] data, int offset, int length, int mask) throws IOException {
		int opcode = b0 & 0x0f;
		byte[] expected = (mask != 0) ? this.masked : this.plain;
		if (opcode != Frames.OP_CONTINUATION) {
			if (opcode != this.template.opcode) {
				this.errors++;
			}
			conn.messageOffset = 0;
			conn.messageStamp = (length >= this.template.stampAt + FrameTemplate.STAMP)
					? this.template.readStamp(data, offset, mask) : 0;
		}
		int from = conn.messageOffset;
		int to = from + length;
		if (to > expected.length || differs(data, offset - from, from, to, expected)) {
			this.errors++;
		}
		conn.messageOffset = to;
		if ((b0 & 0x80) != 0) {
			if (conn.messageOffset != expected.length) {
				this.errors++;
			}
			this.messages++;
			this.completion.message(conn, conn.messageStamp);
		}
	}

	/**
	 * Whether message bytes {@code from} to {@code to}, found at {@code base + position} in
	 * {@code data}, differ from {@code expected} anywhere outside the timestamp.
	 */
	private boolean differs(byte[] data, int base, int from, int to, byte[] expected) {
		int stampFrom = this.template.stampAt;
		int stampTo = stampFrom + FrameTemplate.STAMP;
		int headTo = Math.min(to, stampFrom);
		int tailFrom = Math.max(from, stampTo);
		return (from < headTo && Arrays.mismatch(data, base + from, base + headTo, expected, from, headTo) != -1)
				|| (tailFrom < to && Arrays.mismatch(data, base + tailFrom, base + to, expected, tailFrom, to) != -1);
	}

}
