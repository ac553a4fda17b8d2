package dev.wsboot.engine.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Plain TCP: reads and writes go straight to the socket, with no buffer or state of its own, so
 * plain connections pay one interface call per read or write for the TLS seam and nothing else.
 */
final class PlainTransport implements Transport {

	private final SocketChannel channel;

	PlainTransport(SocketChannel channel) {
		this.channel = channel;
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		return this.channel.read(dst);
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		return this.channel.write(src);
	}

	@Override
	public boolean keepsBacklog() {
		return false;
	}

	@Override
	public boolean hasBacklog() {
		return false;
	}

	@Override
	public boolean flushBacklog() {
		return true;
	}

	@Override
	public boolean isHandshaking() {
		return false;
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.channel.shutdownOutput();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
