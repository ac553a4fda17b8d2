package dev.wsboot.engine.internal.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;

/**
 * TLS over a non-blocking socket with a JSSE {@link SSLEngine} (server mode), driven by the
 * connection's loop thread: reads unwrap ciphertext from the loop's TLS input buffer into the
 * loop's read buffer, writes wrap the loop's write buffer into its TLS output buffer. Between calls
 * a connection keeps only a partial record that arrived ({@link #partialRecord}) and records the
 * socket did not take ({@link CipherBacklog}); an idle connection keeps no buffer.
 *
 * <p>Delegated tasks (key exchange, signatures, certificate checks) run inline on the loop thread:
 * they are short CPU work with the JDK's key managers, an executor hop would add a wake-up and a
 * resume path for each step, and on a small machine it would only move the same CPU work to
 * another core. A key manager that blocks (a remote HSM) would stall the loop; see
 * {@link SSLEngine#getDelegatedTask()}.
 */
final class TlsTransport implements Transport {

	private static final System.Logger logger = System.getLogger(TlsTransport.class.getName());

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private final SocketChannel channel;

	private final IoLoop loop;

	private final SSLEngine engine;

	private final int packetSize;

	private final CipherBacklog backlog = new CipherBacklog();

	/** Ciphertext of an incomplete record, kept until the rest arrives; null otherwise. */
	private byte @Nullable [] partialRecord;

	private boolean handshakeDone;

	/** Whether the peer sent anything, which tells a failed handshake from a mere TCP probe. */
	private boolean received;

	private boolean peerClosed;

	TlsTransport(SocketChannel channel, IoLoop loop, SSLEngine engine) throws SSLException {
		this.channel = channel;
		this.loop = loop;
		this.engine = engine;
		this.packetSize = engine.getSession().getPacketBufferSize();
		engine.beginHandshake();
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		if (this.peerClosed) {
			return -1;
		}
		ByteBuffer in = this.loop.tlsInputBuffer(this.packetSize);
		in.clear();
		if (this.partialRecord != null) {
			in.put(this.partialRecord);
			this.partialRecord = null;
		}
		int n = this.channel.read(in);
		if (n < 0) {
			endOfStream();
			return -1;
		}
		this.received |= n > 0;
		in.flip();
		int start = dst.position();
		unwrap(in, dst);
		if (in.hasRemaining()) {
			this.partialRecord = new byte[in.remaining()];
			in.get(this.partialRecord);
		}
		int produced = dst.position() - start;
		return (produced == 0 && this.peerClosed) ? -1 : produced;
	}

	/**
	 * Unwraps every complete record of {@code in}. The loop's TLS input buffer is one record smaller
	 * than its read buffer, and a record's plaintext is never longer than its ciphertext, so the
	 * plaintext always fits with room for one more record, which JSSE demands even of a record that
	 * has not fully arrived; only an incomplete record is left over, so no complete one waits for a
	 * readiness event that may never come.
	 */
	private void unwrap(ByteBuffer in, ByteBuffer dst) throws IOException {
		while (in.hasRemaining() && !this.peerClosed) {
			SSLEngineResult result = this.engine.unwrap(in, dst);
			switch (result.getStatus()) {
				case BUFFER_UNDERFLOW -> {
					return;
				}
				case BUFFER_OVERFLOW -> throw new SSLException("Plaintext buffer too small for a TLS record");
				case CLOSED -> this.peerClosed = true;
				case OK -> refuseRenegotiation(result.getHandshakeStatus());
			}
			handshake(result.getHandshakeStatus());
		}
	}

	/**
	 * TLS 1.2 lets a client start a new handshake on an established connection (RFC 5746); it costs
	 * the server a full key exchange each time, and a WebSocket server has no use for it, so a
	 * ClientHello after the first handshake fails the connection. TLS 1.3 has no renegotiation;
	 * its post-handshake messages (KeyUpdate, RFC 8446 §4.6.3) go on.
	 */
	private void refuseRenegotiation(HandshakeStatus status) throws SSLException {
		if (this.handshakeDone && status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED
				&& !"TLSv1.3".equals(this.engine.getSession().getProtocol())) {
			throw new SSLHandshakeException("Client-initiated renegotiation refused");
		}
	}

	/** Steps the handshake as far as it goes without input from the peer. */
	private void handshake(HandshakeStatus status) throws IOException {
		while (true) {
			switch (status) {
				case NEED_TASK -> {
					Runnable task;
					while ((task = this.engine.getDelegatedTask()) != null) {
						task.run();
					}
					status = this.engine.getHandshakeStatus();
				}
				case NEED_WRAP -> {
					SSLEngineResult result = wrapAndWrite(EMPTY);
					if (result.bytesProduced() == 0 && result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
						throw new SSLException("TLS engine produced nothing to send: " + result);
					}
					status = result.getHandshakeStatus();
				}
				case FINISHED -> {
					this.handshakeDone = true;
					// TLS 1.3 servers send NewSessionTicket right after (RFC 8446 §4.6.1).
					status = this.engine.getHandshakeStatus();
				}
				default -> {
					return;
				}
			}
		}
	}

	private void endOfStream() throws SSLHandshakeException {
		this.peerClosed = true;
		if (!this.handshakeDone && this.received) {
			// Clients that reject the certificate often just close (the JDK's HttpClient does).
			throw new SSLHandshakeException("The peer closed the connection during the TLS handshake");
		}
		try {
			this.engine.closeInbound();
		}
		catch (SSLException ex) {
			// RFC 8446 §6.1: a TCP FIN without close_notify may be a truncation attack; the
			// WebSocket close handshake above tells whether the conversation was complete.
			logger.log(Level.TRACE, () -> "Peer closed without close_notify: " + ex.getMessage());
		}
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		if (!this.backlog.writeTo(this.channel, this.loop.tlsOutputBuffer(this.packetSize))) {
			return 0;
		}
		int start = src.position();
		while (src.hasRemaining() && this.backlog.isEmpty()) {
			int before = src.position();
			SSLEngineResult result = wrapAndWrite(src);
			if (src.position() == before) {
				// Retrying would spin the loop; only a broken or renegotiating engine gets here.
				throw new SSLException("TLS engine took no application data: " + result);
			}
		}
		return src.position() - start;
	}

	/**
	 * Wraps records from {@code src} into the loop's TLS output buffer while they fit, then writes
	 * it; ciphertext the socket does not take goes to the backlog.
	 * @return the result of the last wrap
	 */
	private SSLEngineResult wrapAndWrite(ByteBuffer src) throws IOException {
		ByteBuffer out = this.loop.tlsOutputBuffer(this.packetSize);
		out.clear();
		SSLEngineResult result;
		do {
			result = this.engine.wrap(src, out);
			if (result.getStatus() == SSLEngineResult.Status.CLOSED && src.hasRemaining()) {
				throw new SSLException("TLS output is closed");
			}
			if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
				break;
			}
			if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
				break;
			}
		}
		while (src.hasRemaining() && out.remaining() >= this.packetSize);
		out.flip();
		if (this.backlog.isEmpty()) {
			this.channel.write(out);
		}
		this.backlog.keep(out);
		return result;
	}

	@Override
	public boolean keepsBacklog() {
		return true;
	}

	@Override
	public boolean hasBacklog() {
		return !this.backlog.isEmpty();
	}

	@Override
	public boolean flushBacklog() throws IOException {
		return this.backlog.writeTo(this.channel, this.loop.tlsOutputBuffer(this.packetSize));
	}

	@Override
	public boolean isHandshaking() {
		return !this.handshakeDone;
	}

	@Override
	public void shutdownOutput() throws IOException {
		sendCloseNotify();
		this.channel.shutdownOutput();
	}

	@Override
	public void close() throws IOException {
		try {
			sendCloseNotify();
		}
		finally {
			this.channel.close();
		}
	}

	/**
	 * RFC 8446 §6.1: each side sends close_notify before closing its write side. After a TLS error
	 * the engine sends its alert instead. One non-blocking attempt: a peer whose window is full
	 * sees the FIN alone, which it may treat as truncation, and the WebSocket close handshake has
	 * ended the conversation already.
	 */
	private void sendCloseNotify() {
		try {
			this.engine.closeOutbound();
			if (this.backlog.isEmpty() || flushBacklog()) {
				wrapAndWrite(EMPTY);
			}
		}
		catch (IOException ex) {
			logger.log(Level.TRACE, () -> "Could not send close_notify: " + ex);
		}
	}

}
