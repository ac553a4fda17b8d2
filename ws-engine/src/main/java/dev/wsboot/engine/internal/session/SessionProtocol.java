package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.TimeoutConfig;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsText;
import dev.wsboot.engine.internal.protocol.FrameDecoder;
import dev.wsboot.engine.internal.protocol.FrameEncoder;
import dev.wsboot.engine.internal.protocol.FrameHeader;
import dev.wsboot.engine.internal.protocol.Handshake;
import dev.wsboot.engine.internal.protocol.MessageAssembler;
import dev.wsboot.engine.internal.protocol.MessageDeflater;
import dev.wsboot.engine.internal.protocol.MessageInflater;
import dev.wsboot.engine.internal.protocol.MessageListener;
import dev.wsboot.engine.internal.protocol.Opcode;
import dev.wsboot.engine.internal.protocol.PerMessageDeflate;
import dev.wsboot.engine.internal.protocol.WsProtocolException;
import dev.wsboot.engine.internal.session.HandshakeDecision.Accept;
import dev.wsboot.engine.internal.transport.Connection;
import dev.wsboot.engine.internal.transport.ConnectionHandler;

/**
 * The inbound half of an open WebSocket connection (RFC 6455 §5, §7): bytes from the socket
 * become frames, messages and control frames; messages go to the session's {@link SessionEvents}
 * for the handler; control frames are answered through the session's {@link FrameSender}; close
 * transitions are decided by its {@link CloseState} and liveness by its {@link KeepAlive}.
 * Every method runs on the connection's I/O thread.
 */
final class SessionProtocol
		implements ConnectionHandler, MessageListener, SessionEvents.ReadControl, FrameSender.Backpressure {

	private static final System.Logger logger = System.getLogger(SessionProtocol.class.getName());

	private final ServerRuntime server;

	private final Connection connection;

	private final CloseState closeState = new CloseState();

	private final KeepAlive keepAlive;

	private final DefaultWsSession session;

	private final FrameSender sender;

	private final SessionEvents events;

	/**
	 * The frame decoder and its message assembler: made at the first byte, dropped again when the
	 * connection has read nothing for a whole tick between messages, so the many idle
	 * connections of a server hold neither (160 bytes with the UTF-8 validator). Null while idle.
	 */
	private @Nullable FrameDecoder decoder;

	private @Nullable MessageAssembler assembler;

	/** Whether text messages reach the handler decoded as Strings rather than as bytes. */
	private final boolean decodeText;

	/** Null unless permessage-deflate was agreed. */
	private final @Nullable MessageInflater inflater;

	/** Null unless inbound rates are limited. */
	private final @Nullable InboundRateLimit rateLimit;

	/** Reading is paused because the client does not read our replies fast enough. */
	private boolean pausedByOutbound;

	/** The client broke its rate limit: its messages are no longer delivered while we close. */
	private boolean overRate;

	private SessionProtocol(ServerRuntime server, Connection connection, Accept accept) {
		this.server = server;
		this.connection = connection;
		WsServerConfig config = server.config();
		HandshakeContext handshake = accept.handshake();
		PerMessageDeflate.Agreement deflate = config.compression().enabled()
				? PerMessageDeflate.negotiate(handshake.headers().get("sec-websocket-extensions"),
						config.compression().contextTakeover())
				: null;
		String extensions = (deflate != null) ? deflate.responseHeader() : null;
		connection.enqueue(Handshake.switchingProtocols(accept.key(), handshake.subprotocol(), extensions));
		connection.requestFlush();
		// The decision is made: keep the request as its raw head until the application reads it.
		handshake.request().compact(accept.stats().path());
		MessageDeflater deflater = null;
		if (deflate != null) {
			this.inflater = new MessageInflater(server.zlib(), !deflate.clientNoContextTakeover(), config.limits());
			deflater = new MessageDeflater(server.zlib(), !deflate.serverNoContextTakeover());
		}
		else {
			this.inflater = null;
		}
		long id = server.sessions().nextId();
		ReplyScope replies = new ReplyScope();
		this.sender = new FrameSender(connection, this.closeState, accept.stats(), server.stats(), config.limits(),
				config.compression(), deflater, id, handshake.path(), replies, this);
		this.session = new DefaultWsSession(id, handshake, this.sender, accept.stats());
		this.events = new SessionEvents(this.session, accept.endpoint().handler(),
				onIoThread(config, accept.endpoint().handler()) ? null : server.handlerExecutor(),
				config.limits().maxInboundQueueSize(), this,
				replies);
		this.decodeText = !accept.endpoint().handler().textAsBytes();
		this.keepAlive = new KeepAlive(config.timeouts(), System.nanoTime());
		this.rateLimit = config.protection().limitsRates() ? new InboundRateLimit(
				config.protection().maxMessagesPerSecond(), config.protection().maxBytesPerSecond(), System.nanoTime())
				: null;
	}

	/** Whether a session's events are delivered on its I/O thread: for every handler, or for one that never blocks. */
	private static boolean onIoThread(WsServerConfig config, WsHandler handler) {
		return config.handlers().onIoThread() || !handler.blocking();
	}

	/** Answers the upgrade with 101 and opens the session; the connection slot is already reserved. */
	static SessionProtocol open(ServerRuntime server, Connection connection, Accept accept) {
		SessionProtocol protocol = new SessionProtocol(server, connection, accept);
		accept.stats().opened();
		server.sessions().add(protocol.session);
		protocol.events.dispatch(SessionEvent.OPENED);
		return protocol;
	}

	@Override
	public void onRead(ByteBuffer data) {
		this.keepAlive.bytesRead(System.nanoTime());
		CloseState.Phase phase = this.closeState.phase();
		if (phase != CloseState.Phase.OPEN && phase != CloseState.Phase.CLOSE_SENT) {
			// §7.1.7 and §5.5.1: nothing after a close frame or a violation is processed.
			data.position(data.limit());
			return;
		}
		try {
			decoder().decode(data);
		}
		catch (WsProtocolException ex) {
			violation(ex.closeCode(), ex.getMessage(), ex.inCloseFrame());
		}
	}

	private FrameDecoder decoder() {
		FrameDecoder decoder = this.decoder;
		if (decoder == null) {
			WsServerConfig config = this.server.config();
			this.assembler = new MessageAssembler(this, config.limits(), this.connection.loop().scratch(), this.inflater,
					this.decodeText);
			// RFC 7692 §6: the extension gives RSV1 its meaning; without it, RSV1 stays an error.
			decoder = new FrameDecoder(this.assembler, config.limits(), (this.inflater != null) ? FrameHeader.RSV1 : 0);
			this.decoder = decoder;
		}
		return decoder;
	}

	/**
	 * Once the connection has been quiet for a tick, lets go of what only a busy one needs: the
	 * decoder, between frames of no message in progress (a new one starting at the next frame
	 * header is in the same state), and the handler inbox's chunks once every event is delivered.
	 */
	private void releaseIfQuiet(long now) {
		if (!this.keepAlive.quietFor(now, this.connection.loop().tickNanos())) {
			return;
		}
		if (this.decoder != null && this.decoder.isBetweenFrames() && !this.assembler.isMessageInProgress()) {
			this.decoder = null;
			this.assembler = null;
		}
		this.events.releaseIfIdle();
	}

	@Override
	public void onText(WsText text) {
		int size = text.byteLength();
		if (!admit(size)) {
			return;
		}
		this.session.received();
		this.session.stats().received(true, size);
		this.events.dispatch(new SessionEvent.Text(text));
	}

	@Override
	public void onText(String text, int size) {
		if (!admit(size)) {
			return;
		}
		this.session.received();
		this.session.stats().received(true, size);
		this.events.dispatch(new SessionEvent.DecodedText(text, size));
	}

	@Override
	public void onBinary(byte[] data) {
		if (!admit(data.length)) {
			return;
		}
		this.session.received();
		this.session.stats().received(false, data.length);
		this.events.dispatch(new SessionEvent.Binary(data));
	}

	/**
	 * Whether a message is within the connection's rate limits. The first one past them closes
	 * the connection with 1008, counted and logged once; it and the messages behind it are not
	 * delivered.
	 */
	private boolean admit(int size) {
		if (this.overRate) {
			return false;
		}
		if (this.rateLimit == null) {
			return true;
		}
		InboundRateLimit.Breach breach = this.rateLimit.admit(size, System.nanoTime());
		if (breach == InboundRateLimit.Breach.NONE) {
			return true;
		}
		this.overRate = true;
		String reason = (breach == InboundRateLimit.Breach.MESSAGES) ? "Message rate limit exceeded"
				: "Byte rate limit exceeded";
		logger.log(Level.WARNING, () -> "Closing " + this.session + " with 1008: " + reason);
		this.sender.close(CloseStatus.POLICY_VIOLATION, reason, CloseCategory.RATE_LIMIT);
		return false;
	}

	@Override
	public void onPing(byte[] payload) {
		// §5.5.2: answer with a pong carrying the same payload, unless we already sent a close.
		if (this.closeState.phase() == CloseState.Phase.OPEN) {
			this.connection.enqueue(FrameEncoder.frame(Opcode.PONG, payload, 0, payload.length));
			this.connection.requestFlush();
		}
	}

	@Override
	public void onPong(byte[] payload) {
		this.keepAlive.pongReceived();
		this.events.dispatch(new SessionEvent.Pong(payload));
	}

	@Override
	public void onClose(int code, String reason) {
		decoder().stop();
		act(this.closeState.peerClosed(code, reason));
	}

	/**
	 * Fails the connection (§7.1.7): our close frame says why, after the replies to the messages
	 * read before the violation; then the socket half-closes so the peer reads it, not a reset.
	 */
	private void violation(int code, String reason, boolean inCloseFrame) {
		logger.log(Level.DEBUG, () -> "Failing connection " + this.session + " with " + code + ": " + reason);
		decoder().stop();
		act(this.closeState.violation(code, reason, inCloseFrame));
	}

	private void act(CloseState.Next next) {
		switch (next) {
			// The reply waits behind the events already dispatched, and is queued by whichever
			// thread delivers them: no hop back to this thread.
			case REPLY_AFTER_EVENTS -> this.events.dispatch(new SessionEvent.CloseReply(this.sender::reply));
			case CLOSE_AFTER_FLUSH -> this.connection.closeAfterFlush();
			case SHUTDOWN_OUTPUT_AFTER_FLUSH -> this.connection.shutdownOutputAfterFlush();
			case NOTHING -> {
			}
		}
	}

	@Override
	public void onEndOfInput() {
		CloseState.Phase phase = this.closeState.phase();
		if (phase == CloseState.Phase.OPEN || phase == CloseState.Phase.CLOSE_SENT) {
			logger.log(Level.DEBUG, () -> "Connection " + this.session + " ended without a close frame");
		}
		this.connection.close(null);
	}

	@Override
	public void onTick(long now) {
		TimeoutConfig timeouts = this.server.config().timeouts();
		if (this.closeState.phase() != CloseState.Phase.OPEN) {
			if (now - this.closeState.closingSince() > timeouts.closeTimeout().toNanos()) {
				logger.log(Level.DEBUG, () -> "Close timeout on " + this.session);
				this.connection.close(null);
			}
			return;
		}
		releaseIfQuiet(now);
		switch (this.keepAlive.check(now)) {
			case IDLE_TIMEOUT -> {
				logger.log(Level.DEBUG, () -> "Idle timeout on " + this.session);
				this.sender.close(CloseStatus.GOING_AWAY, "Idle timeout", CloseCategory.IDLE_TIMEOUT);
			}
			case PONG_TIMEOUT -> {
				logger.log(Level.DEBUG, () -> "No pong within the pong timeout on " + this.session);
				this.closeState.abandon(CloseStatus.ABNORMAL, "No pong within " + timeouts.pongTimeout(),
						CloseCategory.IDLE_TIMEOUT);
				this.connection.close(null);
			}
			case SEND_PING -> {
				this.connection.enqueue(FrameEncoder.frame(Opcode.PING, new byte[0], 0, 0));
				this.connection.requestFlush();
			}
			case ALIVE -> {
			}
		}
	}

	@Override
	public void onClosed(Throwable cause) {
		if (cause != null) {
			logger.log(Level.DEBUG, () -> "Connection " + this.session + " closed by I/O error: " + cause);
		}
		this.server.sessions().release(HandshakeProcessor.address(this.session.remoteAddress()));
		// Native zlib memory goes back to the pool, or is ended, as soon as the socket closes.
		if (this.inflater != null) {
			this.inflater.release();
		}
		this.sender.releaseCompression();
		CloseState.Outcome outcome = this.closeState.closed();
		this.session.stats().closed(outcome.category());
		this.server.sessions().remove(this.session, outcome.status());
		this.events.dispatch(new SessionEvent.Closed(outcome.status()));
	}

	@Override
	public void pause() {
		this.connection.pauseReading();
	}

	@Override
	public void resumeLater() {
		this.connection.loop().execute(this::resumeIfCaughtUp);
	}

	/** Reads again once neither the handler's inbox nor our outbound queue holds reading back. */
	private void resumeIfCaughtUp() {
		if (!this.events.isReadPausedByInbox() && !this.pausedByOutbound) {
			this.connection.resumeReading();
		}
	}

	/**
	 * The outbound queue passed its high-water mark: stop reading until it drains to the low-water
	 * mark, so a client that sends faster than it reads is slowed by TCP, as Netty's writability
	 * and Jetty's demand do, instead of being closed. Any thread.
	 */
	@Override
	public void overHighWater() {
		if (this.connection.loop().inLoop()) {
			pauseForOutbound();
		}
		else {
			this.connection.loop().execute(this::pauseForOutbound);
		}
	}

	private void pauseForOutbound() {
		if (this.connection.isClosed()) {
			return;
		}
		this.pausedByOutbound = true;
		this.connection.pauseReading();
		this.connection.notifyWhenDrained(FrameSender.lowWaterMark(this.server.config().limits()));
	}

	@Override
	public void onDrained() {
		this.pausedByOutbound = false;
		this.sender.drained();
		resumeIfCaughtUp();
	}

	@Override
	public void overloaded() {
		this.sender.close(CloseStatus.INTERNAL_ERROR, "Server overloaded", CloseCategory.SERVER_ERROR);
	}

}
