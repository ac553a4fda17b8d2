package dev.wsboot.engine.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * A blocking TLS client on a bare {@link SSLEngine}, for what {@link javax.net.ssl.SSLSocket} hides:
 * whether the server's close_notify arrived before its FIN ({@link SSLEngine#isInboundDone()}).
 */
public final class TlsEngineClient implements AutoCloseable {

	private final SocketChannel channel;

	private final SSLEngine engine;

	private final ByteBuffer netIn = ByteBuffer.allocate(64 * 1024);

	private final ByteBuffer appIn = ByteBuffer.allocate(64 * 1024);

	private TlsEngineClient(SocketChannel channel, SSLEngine engine) {
		this.channel = channel;
		this.engine = engine;
	}

	public static TlsEngineClient connect(SSLContext context, int port) throws IOException {
		SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
		channel.socket().setSoTimeout((int) RawClient.TIMEOUT.toMillis());
		SSLEngine engine = context.createSSLEngine("127.0.0.1", port);
		engine.setUseClientMode(true);
		TlsEngineClient client = new TlsEngineClient(channel, engine);
		engine.beginHandshake();
		client.handshake();
		return client;
	}

	private void handshake() throws IOException {
		HandshakeStatus status = this.engine.getHandshakeStatus();
		while (status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED) {
			switch (status) {
				case NEED_WRAP -> status = send(ByteBuffer.allocate(0)).getHandshakeStatus();
				case NEED_UNWRAP -> status = receiveOnce().getHandshakeStatus();
				case NEED_TASK -> {
					Runnable task;
					while ((task = this.engine.getDelegatedTask()) != null) {
						task.run();
					}
					status = this.engine.getHandshakeStatus();
				}
				default -> throw new IllegalStateException("Unexpected handshake status " + status);
			}
		}
	}

	public SSLEngineResult send(ByteBuffer data) throws IOException {
		ByteBuffer out = ByteBuffer.allocate(this.engine.getSession().getPacketBufferSize());
		SSLEngineResult result;
		do {
			out.clear();
			result = this.engine.wrap(data, out);
			out.flip();
			while (out.hasRemaining()) {
				this.channel.write(out);
			}
		}
		while (data.hasRemaining());
		return result;
	}

	public void send(byte[] data) throws IOException {
		send(ByteBuffer.wrap(data));
	}

	/** Reads until one record unwraps; -1 status means the server closed TCP. */
	private SSLEngineResult receiveOnce() throws IOException {
		while (true) {
			this.netIn.flip();
			SSLEngineResult result = this.engine.unwrap(this.netIn, this.appIn);
			this.netIn.compact();
			if (result.getStatus() != SSLEngineResult.Status.BUFFER_UNDERFLOW) {
				return result;
			}
			if (this.channel.read(this.netIn) < 0) {
				throw new java.io.EOFException("Server closed during the TLS handshake");
			}
		}
	}

	/**
	 * Reads and decrypts everything until the server closes TCP.
	 * @return whether the server sent close_notify first
	 */
	public boolean readToEndAndSawCloseNotify() throws IOException {
		while (this.channel.read(this.netIn) >= 0) {
			this.netIn.flip();
			while (this.netIn.hasRemaining() && !this.engine.isInboundDone()) {
				this.appIn.clear();
				if (this.engine.unwrap(this.netIn, this.appIn).getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
					break;
				}
			}
			this.netIn.compact();
		}
		return this.engine.isInboundDone();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
