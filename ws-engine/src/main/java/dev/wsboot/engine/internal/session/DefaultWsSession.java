package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsSession;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.wsboot.engine.internal.protocol.FrameEncoder;
import dev.wsboot.engine.internal.protocol.MessageDeflater;
import dev.wsboot.engine.internal.protocol.Opcode;
import dev.wsboot.engine.internal.transport.Connection;

/**
 * The session handed to application code: sends from any thread into the connection's queue
 * (compressed when permessage-deflate was agreed, bounded by the slow client policy), and hands
 * the connection's events to its {@link SessionEvents} for ordered delivery to the handler.
 */
final class DefaultWsSession implements WsSession {

	private static final System.Logger logger = System.getLogger(DefaultWsSession.class.getName());

	private static final VarHandle SENT;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			SENT = lookup.findVarHandle(DefaultWsSession.class, "sent", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final long id;

	private final WebSocketConnection protocol;

	private final Connection connection;

	private final HandshakeContext handshake;

	private final EndpointCounters stats;

	private final ServerRuntime server;

	private final Instant connectedAt = Instant.now();

	private final InetSocketAddress remoteAddress;

	private final SessionEvents events;

	/** Null unless permessage-deflate was agreed; then messages of at least the minimum size are compressed. */
	private final MessageDeflater deflater;

	@SuppressWarnings("unused") // accessed through SENT
	private volatile long sent;

	private volatile long received;

	/** Whether application messages may still be queued: false once a close frame is queued. */
	private volatile boolean sendable = true;

	DefaultWsSession(WebSocketConnection protocol, HandshakeContext handshake, WsEndpoint endpoint, EndpointCounters stats,
			ServerRuntime server, MessageDeflater deflater) {
		this.deflater = deflater;
		this.id = SessionRegistry.nextId();
		this.protocol = protocol;
		this.connection = protocol.connection();
		this.handshake = handshake;
		this.stats = stats;
		this.server = server;
		this.remoteAddress = handshake.remoteAddress();
		this.events = new SessionEvents(this, endpoint.handler(), protocol, server);
	}

	EndpointCounters stats() {
		return this.stats;
	}

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public String path() {
		return this.handshake.path();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public Map<String, List<String>> requestHeaders() {
		return this.handshake.headers();
	}

	@Override
	public String requestHeader(String name) {
		return this.handshake.header(name);
	}

	@Override
	public Map<String, List<String>> queryParameters() {
		return this.handshake.queryParameters();
	}

	@Override
	public String subprotocol() {
		return this.handshake.subprotocol();
	}

	@Override
	public Map<String, Object> attributes() {
		return this.handshake.attributes();
	}

	@Override
	public Instant connectedAt() {
		return this.connectedAt;
	}

	@Override
	public boolean sendText(String text) {
		if (this.deflater == null) {
			return send(FrameEncoder.text(text), true);
		}
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		return sendCompressible(Opcode.TEXT, utf8, 0, utf8.length);
	}

	@Override
	public boolean sendBinary(byte[] data) {
		if (this.deflater == null) {
			return send(FrameEncoder.binary(data), false);
		}
		return sendCompressible(Opcode.BINARY, data, 0, data.length);
	}

	@Override
	public boolean sendBinary(ByteBuffer data) {
		if (this.deflater == null) {
			return send(FrameEncoder.frame(Opcode.BINARY, data), false);
		}
		byte[] copy = new byte[data.remaining()];
		data.duplicate().get(copy);
		return sendCompressible(Opcode.BINARY, copy, 0, copy.length);
	}

	/** With permessage-deflate agreed: small messages go as they are, the others compressed (RFC 7692 §6.1). */
	private boolean sendCompressible(int opcode, byte[] data, int offset, int length) {
		boolean text = opcode == Opcode.TEXT;
		if (length < this.server.config().compression().minSize()) {
			return send(FrameEncoder.frame(opcode, data, offset, length), text);
		}
		if (this.deflater.isContextFree()) {
			return this.sendable && send(this.deflater.frame(opcode, data, offset, length), text);
		}
		return sendWithContext(opcode, data, offset, length, text);
	}

	/**
	 * With context takeover the client inflates messages in the order they were compressed, so
	 * compressing and queueing are one step; and a compressed message is only made once it is sure
	 * to be queued, since one dropped would leave the client's context behind ours. The queue bound
	 * is checked with the uncompressed size, which deflate rarely exceeds.
	 */
	private boolean sendWithContext(int opcode, byte[] data, int offset, int length, boolean text) {
		synchronized (this.deflater) {
			if (!this.sendable || !admits(length)) {
				return false;
			}
			ByteBuffer frame = this.deflater.frame(opcode, data, offset, length);
			if (frame == null) {
				return false;
			}
			enqueue(frame, text);
			return true;
		}
	}

	/** A broadcast message: its shared plain or shared compressed frame, or compressed in our own context. */
	boolean send(BroadcastMessage message) {
		if (this.deflater == null || message.length() < this.server.config().compression().minSize()) {
			return send(message.plainFrame().duplicate(), message.isText());
		}
		if (this.deflater.isContextFree()) {
			return send(message.compressedFrame().duplicate(), message.isText());
		}
		return sendWithContext(message.opcode(), message.data(), 0, message.length(), message.isText());
	}

	/** The connection closed: gives back the Deflater held for context takeover, if any. */
	void releaseCompression() {
		if (this.deflater != null) {
			this.deflater.release();
		}
	}

	@Override
	public boolean ping(byte[] payload) {
		return sendControl(Opcode.PING, payload);
	}

	@Override
	public boolean pong(byte[] payload) {
		return sendControl(Opcode.PONG, payload);
	}

	private boolean sendControl(int opcode, byte[] payload) {
		if (payload.length > FrameEncoder.MAX_CONTROL_PAYLOAD) {
			throw new IllegalArgumentException("Control frame payload of " + payload.length
					+ " bytes exceeds 125 (RFC 6455 §5.5)");
		}
		if (!this.sendable) {
			return false;
		}
		this.connection.enqueue(FrameEncoder.frame(opcode, payload, 0, payload.length));
		this.connection.requestFlush();
		return true;
	}

	/**
	 * Queues a frame that may be shared with other sessions (a broadcast encodes once): each
	 * session gets its own view of the same bytes.
	 */
	boolean send(ByteBuffer frame, boolean text) {
		if (!this.sendable || !admits(frame.remaining())) {
			return false;
		}
		enqueue(frame, text);
		return true;
	}

	/** Whether a frame of this size fits the outbound queue; if not, applies the slow client policy. */
	private boolean admits(int size) {
		long queued = this.connection.queuedBytes();
		// The first message always fits, so one message larger than the bound can still be sent.
		if (queued > 0 && queued + size > this.server.config().limits().maxOutboundQueueSize()) {
			return overflow(queued, size);
		}
		return true;
	}

	private void enqueue(ByteBuffer frame, boolean text) {
		int size = frame.remaining();
		this.connection.enqueue(frame);
		this.stats.sent(text, size);
		SENT.getAndAdd(this, 1L);
		this.connection.requestFlush();
	}

	private boolean overflow(long queued, int size) {
		if (this.server.config().limits().slowClientPolicy() == WsServerConfig.SlowClientPolicy.DROP) {
			this.stats.dropped();
			logger.log(Level.WARNING, () -> "Dropped a message of " + size + " bytes to slow client #" + this.id
					+ " on " + path() + ": " + queued + " bytes already queued");
			return false;
		}
		if (this.sendable) {
			this.server.stats().slowClientClosed();
			logger.log(Level.WARNING, () -> "Closing slow client #" + this.id + " on " + path() + ": " + queued
					+ " bytes queued, over the limit of " + this.server.config().limits().maxOutboundQueueSize());
			closeOnLoop(CloseStatus.POLICY_VIOLATION, "Slow client: outbound queue full", CloseCategory.SLOW_CLIENT);
		}
		return false;
	}

	@Override
	public void close(int code, String reason) {
		if (!CloseStatus.isValidOnWire(code)) {
			throw new IllegalArgumentException("Close code " + code + " may not be sent (RFC 6455 §7.4)");
		}
		closeOnLoop(code, reason, null);
	}

	/** Starts the close handshake on the I/O thread. */
	void closeOnLoop(int code, String reason, CloseCategory category) {
		if (this.connection.loop().inLoop()) {
			this.protocol.close(code, reason, category);
		}
		else {
			this.connection.loop().execute(() -> this.protocol.close(code, reason, category));
		}
	}

	/** A close frame was queued: nothing more may be sent (RFC 6455 §5.5.1). */
	void closeSent() {
		this.sendable = false;
	}

	@Override
	public boolean isOpen() {
		return this.sendable;
	}

	@Override
	public long queuedBytes() {
		return this.connection.queuedBytes();
	}

	@Override
	public long messagesReceived() {
		return this.received;
	}

	@Override
	public long messagesSent() {
		return (long) SENT.getVolatile(this);
	}

	void dispatchOpen() {
		this.events.open();
	}

	void dispatchMessage(Object message, int size) {
		this.received++;
		this.stats.received(message instanceof String, size);
		this.events.message(message, size);
	}

	void dispatchPong(byte[] payload) {
		this.events.pong(payload);
	}

	void dispatchClose(CloseStatus status) {
		this.sendable = false;
		this.events.close(status);
	}

	/** See {@link SessionEvents#afterPendingEvents(Runnable)}. */
	void afterPendingEvents(Runnable action) {
		this.events.afterPendingEvents(action);
	}

	@Override
	public String toString() {
		return "WsSession#" + this.id + " " + path() + " from " + this.remoteAddress;
	}

}
