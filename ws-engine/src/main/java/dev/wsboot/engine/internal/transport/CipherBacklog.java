package dev.wsboot.engine.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * TLS records that were encrypted but not yet taken by the socket. Records cannot be encrypted
 * again (each carries the next sequence number, RFC 8446 §5.3), so their bytes must be kept until
 * written. The heap array exists only while bytes wait; they go out through the loop's direct
 * buffer, as plain frames do.
 */
final class CipherBacklog {

	private @Nullable ByteBuffer pending;

	boolean isEmpty() {
		return this.pending == null;
	}

	/** Keeps what is left of {@code out} (flipped) behind anything already waiting. */
	void keep(ByteBuffer out) {
		if (!out.hasRemaining()) {
			return;
		}
		int waiting = (this.pending != null) ? this.pending.remaining() : 0;
		ByteBuffer copy = ByteBuffer.allocate(waiting + out.remaining());
		if (this.pending != null) {
			copy.put(this.pending);
		}
		copy.put(out).flip();
		this.pending = copy;
	}

	/**
	 * Writes as much as the socket takes, through {@code out}, the loop's direct buffer.
	 * @return whether everything was written
	 */
	boolean writeTo(SocketChannel channel, ByteBuffer out) throws IOException {
		while (this.pending != null) {
			out.clear();
			int count = Math.min(out.remaining(), this.pending.remaining());
			out.put(this.pending.array(), this.pending.position(), count).flip();
			int written = channel.write(out);
			this.pending.position(this.pending.position() + written);
			if (!this.pending.hasRemaining()) {
				this.pending = null;
			}
			else if (written < count) {
				return false;
			}
		}
		return true;
	}

}
