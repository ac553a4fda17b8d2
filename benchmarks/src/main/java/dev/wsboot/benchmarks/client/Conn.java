package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One client connection: its channel, buffers and counters. Used by one thread only. */
final class Conn {

	enum State {
		CONNECTING, HANDSHAKE, OPEN, CLOSING, DONE
	}

	final SocketChannel channel;

	SelectionKey key;

	State state = State.CONNECTING;

	ByteBuffer in;

	/** Bytes not yet written, in write mode. */
	ByteBuffer out;

	int inflight;

	long received;

	/** Bytes of the current message already checked, when the server fragments. */
	int messageOffset;

	long messageStamp;

	Conn(SocketChannel channel, int inCapacity, int outCapacity) {
		this.channel = channel;
		this.in = ByteBuffer.allocate(inCapacity);
		this.out = ByteBuffer.allocate(outCapacity);
	}

	/** Writes what it can; asks for OP_WRITE when the socket is full. */
	void flush() throws IOException {
		if (this.out.position() == 0) {
			return;
		}
		this.out.flip();
		this.channel.write(this.out);
		this.out.compact();
		int ops = (this.out.position() > 0) ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
		if (this.key.interestOps() != ops) {
			this.key.interestOps(ops);
		}
	}

	void ensureIn(int needed) {
		if (this.in.capacity() < needed) {
			ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, this.in.capacity() * 2));
			this.in.flip();
			bigger.put(this.in);
			this.in = bigger;
		}
	}

	/** Closes with a reset: no TIME_WAIT left behind to exhaust ports between scenarios. */
	void abort() {
		try {
			this.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			this.channel.close();
		}
		catch (IOException ex) {
			// The socket is gone either way; nothing is left to release.
			this.state = State.DONE;
		}
		this.state = State.DONE;
	}

}
