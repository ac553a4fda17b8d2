package dev.wsboot.engine.internal.session;

import java.nio.ByteBuffer;

import dev.wsboot.engine.WsText;
import dev.wsboot.engine.internal.protocol.FrameEncoder;
import dev.wsboot.engine.internal.protocol.MessageDeflater;
import dev.wsboot.engine.internal.protocol.Opcode;

/**
 * The compressing half of a connection's {@link FrameSender}, made only when permessage-deflate
 * was agreed (RFC 7692): it decides which messages are compressed and, with context takeover,
 * compresses and queues in one step. A connection without the extension holds none, so an idle
 * plain connection pays nothing for it.
 */
final class CompressingSender implements WsText.Utf8Reader<Boolean> {

	private final FrameSender sender;

	private final MessageDeflater deflater;

	/** Messages of at least this size are compressed; smaller ones go as they are (RFC 7692 §6.1). */
	private final int minSize;

	CompressingSender(FrameSender sender, MessageDeflater deflater, int minSize) {
		this.sender = sender;
		this.deflater = deflater;
		this.minSize = minSize;
	}

	boolean compresses(int length) {
		return length >= this.minSize;
	}

	/** A message of the session's own: as it is when small, else compressed. */
	boolean send(int opcode, byte[] data, int offset, int length) {
		boolean text = opcode == Opcode.TEXT;
		if (!compresses(length)) {
			return this.sender.send(FrameEncoder.frame(opcode, data, offset, length), text);
		}
		if (this.deflater.isContextFree()) {
			return this.sender.isSendable() && this.sender.send(this.deflater.frame(opcode, data, offset, length), text);
		}
		return sendWithContext(opcode, data, offset, length, text);
	}

	/** As the reader of a {@link WsText}: the compressor itself, so no object is made per message. */
	@Override
	public Boolean read(byte[] utf8, int offset, int length) {
		return send(Opcode.TEXT, utf8, offset, length);
	}

	/**
	 * A broadcast message large enough to compress: without context takeover every receiver gets
	 * the same compressed frame, made once; with it, each compresses in its own context.
	 */
	boolean send(BroadcastMessage message) {
		if (this.deflater.isContextFree()) {
			return this.sender.send(message.compressedFrame(), message.isText());
		}
		return sendWithContext(message.opcode(), message.data(), 0, message.length(), message.isText());
	}

	/**
	 * With context takeover the client inflates messages in the order they were compressed, so
	 * compressing and queueing are one step; and a compressed message is only made once it is sure
	 * to be queued, since one dropped would leave the client's context behind ours. The queue bound
	 * is checked with the uncompressed size, which deflate rarely exceeds.
	 */
	private boolean sendWithContext(int opcode, byte[] data, int offset, int length, boolean text) {
		synchronized (this.deflater) {
			if (!this.sender.isSendable() || !this.sender.admits(length)) {
				return false;
			}
			ByteBuffer frame = this.deflater.frame(opcode, data, offset, length);
			return frame != null && this.sender.enqueue(frame, text);
		}
	}

	/** The connection closed: gives back the Deflater held for context takeover, if any. */
	void release() {
		this.deflater.release();
	}

}
