package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.util.Arrays;

/**
 * Verifies every returned message against its template, fragments joined, and reports each
 * complete message with its send timestamp. A raw TCP echo returns the masked bytes it got, so
 * masked frames are compared with the masked template.
 */
final class MessageCheck implements Frames.Sink {

	interface Completion {

		void message(Conn conn, long stampNanos) throws IOException;

	}

	private final FrameTemplate template;

	private final byte[] plain;

	private final byte[] masked;

	private final Completion completion;

	long errors;

	MessageCheck(FrameTemplate template, Completion completion) {
		this.template = template;
		this.plain = template.expected(false);
		this.masked = template.expected(true);
		this.completion = completion;
	}

	@Override
	public void frame(Conn conn, int b0, byte[] data, int offset, int length, int mask) throws IOException {
		int opcode = b0 & 0x0f;
		if (opcode == Frames.OP_PING) {
			Frames.pong(conn, data, offset, length, mask);
			return;
		}
		if (opcode == Frames.OP_CLOSE) {
			throw new IOException("Server sent a close frame");
		}
		if (opcode > Frames.OP_CLOSE) {
			return;
		}
		byte[] expected = (mask != 0) ? this.masked : this.plain;
		if (opcode != Frames.OP_CONTINUATION) {
			if (opcode != this.template.opcode) {
				this.errors++;
			}
			conn.messageOffset = 0;
			conn.messageStamp = (length >= FrameTemplate.STAMP) ? FrameTemplate.readStamp(data, offset, mask) : 0;
		}
		int from = conn.messageOffset;
		int skip = Math.min(length, Math.max(0, FrameTemplate.STAMP - from));
		if (from + length > expected.length
				|| Arrays.mismatch(data, offset + skip, offset + length, expected, from + skip, from + length) != -1) {
			this.errors++;
		}
		conn.messageOffset = from + length;
		if ((b0 & 0x80) != 0) {
			if (conn.messageOffset != expected.length) {
				this.errors++;
			}
			this.completion.message(conn, conn.messageStamp);
		}
	}

}
