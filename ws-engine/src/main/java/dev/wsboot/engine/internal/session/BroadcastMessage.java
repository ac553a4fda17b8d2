package dev.wsboot.engine.internal.session;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.wsboot.engine.WsText;

import dev.wsboot.engine.internal.protocol.FrameEncoder;
import dev.wsboot.engine.internal.protocol.MessageDeflater;
import dev.wsboot.engine.internal.protocol.Opcode;
import dev.wsboot.engine.internal.protocol.ZlibPool;

/**
 * One message on its way to many sessions, with the frames they can share made at most once each:
 * the plain frame, and the compressed frame of every session without server context takeover,
 * which is the same for all of them (RFC 7692 §7.1.1.1: each message is compressed from a fresh
 * state). Used by the one thread that broadcasts.
 */
final class BroadcastMessage {

	private final int opcode;

	private final byte[] data;

	private final ZlibPool zlib;

	private byte[] plainFrame;

	private ByteBuffer compressedFrame;

	BroadcastMessage(int opcode, byte[] data, ZlibPool zlib) {
		this.opcode = opcode;
		this.data = data;
		this.zlib = zlib;
	}

	/** A text already in UTF-8: its bytes are shared as they are, copied only if it is a range of a larger array. */
	static BroadcastMessage text(WsText text, ZlibPool zlib) {
		byte[] utf8 = text.read((array, offset, length) -> (offset == 0 && length == array.length) ? array
				: Arrays.copyOfRange(array, offset, offset + length));
		return new BroadcastMessage(Opcode.TEXT, utf8, zlib);
	}

	int opcode() {
		return this.opcode;
	}

	boolean isText() {
		return this.opcode == Opcode.TEXT;
	}

	byte[] data() {
		return this.data;
	}

	int length() {
		return this.data.length;
	}

	/** The uncompressed frame; shared by every receiver, which only reads it. */
	byte[] plainFrame() {
		if (this.plainFrame == null) {
			this.plainFrame = FrameEncoder.frame(this.opcode, this.data, 0, this.data.length);
		}
		return this.plainFrame;
	}

	/** The frame compressed from a fresh state; shared as the plain one. */
	ByteBuffer compressedFrame() {
		if (this.compressedFrame == null) {
			this.compressedFrame = MessageDeflater.compressOnce(this.zlib, this.opcode, this.data, 0, this.data.length);
		}
		return this.compressedFrame;
	}

}
