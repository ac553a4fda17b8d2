package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

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

	/** Which of several servers it is connected to, for loads that spread over a cluster. */
	int node;

	/** Bytes of the current message already checked, when the server fragments. */
	int messageOffset;

	long messageStamp;

	/** What a scenario keeps for this connection, if anything. */
	Object context;

	/** Set when the server accepted permessage-deflate; reset per message when it keeps no context. */
	Inflater inflater;

	boolean inflaterPerMessage;

	private boolean inflating;

	private byte[] compressed = new byte[0];

	private int compressedLength;

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

	boolean inflating() {
		return this.inflating;
	}

	void startCompressed() {
		this.inflating = true;
		this.compressedLength = 0;
	}

	/** Collects a compressed frame's payload, unmasked. */
	void appendCompressed(byte[] data, int offset, int length, int mask) {
		if (this.compressed.length < this.compressedLength + length + 4) {
			this.compressed = Arrays.copyOf(this.compressed, (this.compressedLength + length + 4) * 2);
		}
		for (int i = 0; i < length; i++) {
			this.compressed[this.compressedLength + i] = (byte) (data[offset + i] ^ Frames.maskByte(mask, i));
		}
		this.compressedLength += length;
	}

	/**
	 * Inflates the collected message into {@code out}, with the sync-flush tail the sender removed
	 * put back (RFC 7692 §7.2.2).
	 * @return the inflated length, at most {@code out.length}
	 */
	int inflate(byte[] out) throws DataFormatException {
		this.inflating = false;
		if (this.inflater == null) {
			throw new DataFormatException("compressed frame on a connection without permessage-deflate");
		}
		byte[] in = this.compressed;
		int n = this.compressedLength;
		in[n] = 0;
		in[n + 1] = 0;
		in[n + 2] = (byte) 0xff;
		in[n + 3] = (byte) 0xff;
		this.inflater.setInput(in, 0, n + 4);
		int total = 0;
		while (total < out.length && !this.inflater.needsInput() && !this.inflater.finished()) {
			total += this.inflater.inflate(out, total, out.length - total);
		}
		if (this.inflaterPerMessage || this.inflater.finished()) {
			this.inflater.reset();
		}
		return total;
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
		if (this.inflater != null) {
			this.inflater.end();
			this.inflater = null;
		}
		this.state = State.DONE;
	}

}
