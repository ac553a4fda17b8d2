package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.HandshakeRejection;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsServerConfig;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;

import javax.net.ssl.SSLException;

import dev.wsboot.engine.internal.protocol.FrameDecoder;
import dev.wsboot.engine.internal.protocol.FrameEncoder;
import dev.wsboot.engine.internal.protocol.Handshake;
import dev.wsboot.engine.internal.protocol.HandshakeException;
import dev.wsboot.engine.internal.protocol.HttpRequest;
import dev.wsboot.engine.internal.protocol.HttpRequestParser;
import dev.wsboot.engine.internal.protocol.MessageAssembler;
import dev.wsboot.engine.internal.protocol.MessageDeflater;
import dev.wsboot.engine.internal.protocol.MessageInflater;
import dev.wsboot.engine.internal.protocol.MessageListener;
import dev.wsboot.engine.internal.protocol.Opcode;
import dev.wsboot.engine.internal.protocol.PerMessageDeflate;
import dev.wsboot.engine.internal.protocol.WsProtocolException;
import dev.wsboot.engine.internal.transport.Connection;
import dev.wsboot.engine.internal.transport.ConnectionHandler;

/**
 * The WebSocket protocol on one connection, from the upgrade request to the closed socket
 * (RFC 6455 §4, §5, §7). Every method runs on the connection's I/O thread; other threads reach it
 * through {@link Connection#loop()}.
 */
final class WebSocketConnection implements ConnectionHandler, MessageListener {

	private static final System.Logger logger = System.getLogger(WebSocketConnection.class.getName());

	/** RSV1 in the decoder's value of the three reserved bits. */
	private static final int RSV1 = 0x4;

	private enum State {

		/** Reading the upgrade request. */
		HANDSHAKE,

		/** Interceptors are deciding; reading is paused. */
		DECIDING,

		/** Refused with an HTTP status; waiting for the response to leave. */
		REFUSED,

		/** Messages flow both ways. */
		OPEN,

		/** We sent a close frame and wait for the client's (§7.1.2). */
		CLOSE_SENT,

		/** The close handshake is done or the connection failed; the socket closes once written. */
		CLOSING,

		CLOSED

	}

	private final ServerRuntime server;

	private final Connection connection;

	private final long createdAt;

	private State state = State.HANDSHAKE;

	private HttpRequestParser requestParser;

	private FrameDecoder decoder;

	private DefaultWsSession session;

	/** Null unless permessage-deflate was agreed. */
	private MessageInflater inflater;

	/** Bytes that arrived behind the upgrade request while interceptors decide. */
	private byte[] pendingInput;

	private boolean reserved;

	private long lastReadAt;

	/** When the current close or refusal started, for the close timeout. */
	private long closingSince;

	private long nextPingAt;

	/** When the unanswered keep-alive ping was sent, 0 if none is. */
	private long pingSentAt;

	private CloseStatus closeStatus;

	private CloseCategory closeCategory;

	WebSocketConnection(ServerRuntime server, Connection connection) {
		this.server = server;
		this.connection = connection;
		this.createdAt = System.nanoTime();
		this.lastReadAt = this.createdAt;
		this.requestParser = new HttpRequestParser(server.config().limits().maxHandshakeSize());
	}

	Connection connection() {
		return this.connection;
	}

	@Override
	public void onRead(ByteBuffer data) {
		this.lastReadAt = System.nanoTime();
		switch (this.state) {
			case HANDSHAKE -> readRequest(data);
			case OPEN, CLOSE_SENT -> readFrames(data);
			case DECIDING -> stash(data);
			default -> data.position(data.limit());
		}
	}

	private void readRequest(ByteBuffer data) {
		HttpRequest request;
		try {
			request = this.requestParser.parse(data);
		}
		catch (HandshakeException ex) {
			refuse(ex, (ex.status() == 431) ? HandshakeRejection.TOO_LARGE : HandshakeRejection.BAD_REQUEST);
			return;
		}
		if (request == null) {
			return;
		}
		this.requestParser = null;
		this.state = State.DECIDING;
		this.server.handshakes().decide(this, request);
		if (this.state == State.OPEN) {
			readFrames(data);
		}
		else if (this.state == State.DECIDING) {
			stash(data);
			this.connection.pauseReading();
		}
	}

	private void stash(ByteBuffer data) {
		if (!data.hasRemaining()) {
			return;
		}
		int at = (this.pendingInput == null) ? 0 : this.pendingInput.length;
		this.pendingInput = (this.pendingInput == null) ? new byte[data.remaining()]
				: Arrays.copyOf(this.pendingInput, at + data.remaining());
		data.get(this.pendingInput, at, data.remaining());
	}

	/** A connection slot was reserved for this handshake; it is released when the socket closes. */
	void reserved() {
		this.reserved = true;
	}

	/** Answers the upgrade with 101 and opens the session. */
	void accept(HandshakeContext handshake, String key, WsEndpoint endpoint, EndpointCounters stats) {
		if (this.state != State.DECIDING) {
			return;
		}
		WsServerConfig config = this.server.config();
		PerMessageDeflate.Agreement deflate = config.compression().enabled()
				? PerMessageDeflate.negotiate(handshake.headers().get("sec-websocket-extensions"),
						config.compression().contextTakeover())
				: null;
		String extensions = (deflate != null) ? deflate.responseHeader() : null;
		this.connection.enqueue(ByteBuffer.wrap(Handshake.switchingProtocols(key, handshake.subprotocol(), extensions)));
		this.connection.requestFlush();
		// The decision is made: keep the request as its raw head until the application reads it.
		handshake.request().compact();
		MessageDeflater deflater = null;
		if (deflate != null) {
			this.inflater = new MessageInflater(this.server.zlib(), !deflate.clientNoContextTakeover(),
					config.limits());
			deflater = new MessageDeflater(this.server.zlib(), !deflate.serverNoContextTakeover());
		}
		this.session = new DefaultWsSession(this, handshake, endpoint, stats, this.server, deflater);
		// RFC 7692 §6: the extension gives RSV1 its meaning; without it, RSV1 stays an error.
		this.decoder = new FrameDecoder(
				new MessageAssembler(this, config.limits(), this.connection.loop().scratch(), this.inflater),
				config.limits(), (deflate != null) ? RSV1 : 0);
		this.state = State.OPEN;
		this.nextPingAt = System.nanoTime() + config.timeouts().pingInterval().toNanos();
		stats.opened();
		this.server.sessions().add(this.session);
		this.session.dispatchOpen();
		// Resume before replaying the frames that came with the request: if they fill the
		// handler's inbox, the pause they cause must hold instead of being undone here.
		this.connection.resumeReading();
		if (this.pendingInput != null) {
			ByteBuffer pending = ByteBuffer.wrap(this.pendingInput);
			this.pendingInput = null;
			readFrames(pending);
		}
	}

	/** Answers the upgrade with an HTTP error and closes. */
	void refuse(HandshakeException refusal, HandshakeRejection reason) {
		if (this.state != State.HANDSHAKE && this.state != State.DECIDING) {
			return;
		}
		this.server.stats().rejected(reason);
		logger.log(Level.DEBUG, () -> "Refused upgrade from " + this.connection.remoteAddress() + " with "
				+ refusal.status() + ": " + refusal.getMessage());
		this.state = State.REFUSED;
		this.pendingInput = null;
		this.requestParser = null;
		this.closingSince = System.nanoTime();
		this.connection.enqueue(ByteBuffer.wrap(Handshake.refusal(refusal.status(), refusal.getMessage(), refusal.headers())));
		this.connection.resumeReading();
		this.connection.shutdownOutputAfterFlush();
	}

	private void readFrames(ByteBuffer data) {
		try {
			this.decoder.decode(data);
		}
		catch (WsProtocolException ex) {
			fail(ex.closeCode(), ex.getMessage(), ex.inCloseFrame());
		}
	}

	@Override
	public void onText(String text) {
		this.session.dispatchMessage(text, text.length());
	}

	@Override
	public void onBinary(byte[] data) {
		this.session.dispatchMessage(data, data.length);
	}

	@Override
	public void onPing(byte[] payload) {
		// §5.5.2: answer with a pong carrying the same payload, unless we already sent a close.
		if (this.state == State.OPEN) {
			this.connection.enqueue(FrameEncoder.frame(Opcode.PONG, payload, 0, payload.length));
			this.connection.requestFlush();
		}
	}

	@Override
	public void onPong(byte[] payload) {
		this.pingSentAt = 0;
		this.session.dispatchPong(payload);
	}

	@Override
	public void onClose(int code, String reason) {
		this.decoder.stop();
		if (this.closeStatus == null) {
			this.closeStatus = new CloseStatus(code, reason);
		}
		boolean answer = this.state == State.OPEN;
		this.state = State.CLOSING;
		this.closingSince = System.nanoTime();
		if (answer) {
			// §5.5.1: answer with a close frame echoing the status code; it MAY wait until the
			// handler has replied to the messages that arrived before the close.
			this.session.afterPendingEvents(() -> sendFinalClose(code, "", false));
		}
		else {
			// §7.1.1: the server should close the TCP connection first.
			this.connection.closeAfterFlush();
		}
	}

	/**
	 * Queues our close frame once the handler has seen every earlier event, then closes the socket
	 * (§7.1.1) or, after a failure, half-closes it (§7.1.7). Does nothing if the connection closed
	 * meanwhile.
	 */
	private void sendFinalClose(int code, String reason, boolean failed) {
		if (this.state != State.CLOSING) {
			return;
		}
		this.session.closeSent();
		this.connection.enqueueFinal(FrameEncoder.close(code, reason));
		if (failed) {
			this.connection.shutdownOutputAfterFlush();
		}
		else {
			this.connection.closeAfterFlush();
		}
	}

	/**
	 * Fails the connection (§7.1.7): sends a close frame with the code, then half-closes and waits
	 * for the client to close, so it reads the close frame instead of a reset.
	 */
	void fail(int code, String reason) {
		fail(code, reason, false);
	}

	/**
	 * @param peerClosed whether the violation was in the client's close frame: the client sends
	 * nothing more, so the socket is closed once our close frame is written instead of lingering
	 * for the client's close (no unread input is left to turn the close into a reset)
	 */
	private void fail(int code, String reason, boolean peerClosed) {
		logger.log(Level.DEBUG, () -> "Failing connection " + describe() + " with " + code + ": " + reason);
		if (this.decoder != null) {
			this.decoder.stop();
		}
		if (this.closeStatus == null) {
			this.closeStatus = new CloseStatus(code, reason);
		}
		if (this.state == State.OPEN) {
			this.state = State.CLOSING;
			this.closingSince = System.nanoTime();
			// Replies to the messages read before the violation still go out ahead of the close
			// frame; nothing read after it is processed (§7.1.7).
			this.session.afterPendingEvents(() -> sendFinalClose(code, reason, !peerClosed));
		}
		else if (this.state == State.CLOSE_SENT) {
			this.state = State.CLOSING;
			this.closingSince = System.nanoTime();
			if (peerClosed) {
				this.connection.closeAfterFlush();
			}
			else {
				this.connection.shutdownOutputAfterFlush();
			}
		}
	}

	/**
	 * Starts the close handshake from the server side (§7.1.2). Before the handshake completed the
	 * socket is just closed.
	 * @param category how to count the close, or null to class it by its code
	 */
	void close(int code, String reason, CloseCategory category) {
		if (this.closeCategory == null) {
			this.closeCategory = category;
		}
		switch (this.state) {
			case OPEN -> {
				this.closeStatus = new CloseStatus(code, reason);
				this.session.closeSent();
				this.connection.enqueueFinal(FrameEncoder.close(code, reason));
				this.connection.requestFlush();
				this.state = State.CLOSE_SENT;
				this.closingSince = System.nanoTime();
			}
			case HANDSHAKE, DECIDING -> this.connection.close(null);
			default -> {
			}
		}
	}

	@Override
	public void onEndOfInput() {
		if (this.state == State.OPEN || this.state == State.CLOSE_SENT) {
			logger.log(Level.DEBUG, () -> "Connection " + describe() + " ended without a close frame");
		}
		this.connection.close(null);
	}

	@Override
	public void onTick(long now) {
		WsServerConfig config = this.server.config();
		switch (this.state) {
			case HANDSHAKE, DECIDING -> {
				if (now - this.createdAt > config.timeouts().handshakeTimeout().toNanos()) {
					if (this.connection.isTransportHandshaking()) {
						// No HTTP answer can be sent before TLS is up (RFC 6455 §4.1 runs inside it).
						logger.log(Level.DEBUG, () -> "TLS handshake timeout on " + describe());
						this.server.stats().rejected(HandshakeRejection.TLS);
						this.connection.close(null);
					}
					else if (this.state == State.HANDSHAKE) {
						refuse(new HandshakeException(408, "Handshake timeout"), HandshakeRejection.TIMEOUT);
					}
					else {
						this.connection.close(null);
					}
				}
			}
			case OPEN -> checkLiveness(now, config);
			case CLOSE_SENT, CLOSING, REFUSED -> {
				if (now - this.closingSince > config.timeouts().closeTimeout().toNanos()) {
					logger.log(Level.DEBUG, () -> "Close timeout on " + describe());
					this.connection.close(null);
				}
			}
			default -> {
			}
		}
	}

	private void checkLiveness(long now, WsServerConfig config) {
		long idle = config.timeouts().idleTimeout().toNanos();
		if (idle > 0 && now - this.lastReadAt > idle) {
			logger.log(Level.DEBUG, () -> "Idle timeout on " + describe());
			close(CloseStatus.GOING_AWAY, "Idle timeout", CloseCategory.IDLE_TIMEOUT);
			return;
		}
		long interval = config.timeouts().pingInterval().toNanos();
		if (interval == 0) {
			return;
		}
		if (this.pingSentAt != 0 && now - this.pingSentAt > config.timeouts().pongTimeout().toNanos()) {
			logger.log(Level.DEBUG, () -> "No pong within the pong timeout on " + describe());
			this.closeStatus = new CloseStatus(CloseStatus.ABNORMAL, "No pong within " + config.timeouts().pongTimeout());
			this.closeCategory = CloseCategory.IDLE_TIMEOUT;
			this.connection.close(null);
			return;
		}
		if (now - this.nextPingAt >= 0) {
			this.nextPingAt = now + interval;
			if (this.pingSentAt == 0) {
				this.pingSentAt = now;
			}
			this.connection.enqueue(FrameEncoder.frame(Opcode.PING, new byte[0], 0, 0));
			this.connection.requestFlush();
		}
	}

	@Override
	public void onClosed(Throwable cause) {
		if (this.state == State.HANDSHAKE && cause instanceof SSLException) {
			this.server.stats().rejected(HandshakeRejection.TLS);
		}
		this.state = State.CLOSED;
		if (cause != null) {
			logger.log(Level.DEBUG, () -> "Connection " + describe() + " closed by I/O error: " + cause);
		}
		if (this.reserved) {
			this.server.sessions().release();
		}
		if (this.session == null) {
			return;
		}
		// Native zlib memory goes back to the pool, or is ended, as soon as the socket closes.
		if (this.inflater != null) {
			this.inflater.release();
		}
		this.session.releaseCompression();
		CloseStatus status = (this.closeStatus != null) ? this.closeStatus : new CloseStatus(CloseStatus.ABNORMAL, "");
		CloseCategory category = (this.closeCategory != null) ? this.closeCategory : CloseCategory.of(status.code());
		this.session.stats().closed(category);
		this.server.sessions().remove(this.session, status);
		this.session.dispatchClose(status);
	}

	private String describe() {
		return (this.session != null) ? "#" + this.session.id() + " " + this.session.path()
				: String.valueOf(this.connection.remoteAddress());
	}

}
