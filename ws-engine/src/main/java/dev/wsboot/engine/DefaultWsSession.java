package dev.wsboot.engine;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;

import dev.wsboot.engine.protocol.CloseCodes;
import dev.wsboot.engine.protocol.FrameEncoder;
import dev.wsboot.engine.protocol.MessageDeflater;
import dev.wsboot.engine.protocol.Opcode;
import dev.wsboot.engine.transport.Connection;

/**
 * The session handed to application code: sends from any thread into the connection's queue,
 * and delivers the connection's events to the handler one at a time, in order.
 *
 * <p>With handlers on the executor, events wait in an inbox drained by one task at a time; a burst
 * of messages read together is delivered by one task, so there is one thread hop per read, not per
 * message. When the inbox holds more than {@link WsServerConfig#maxInboundQueueSize()} bytes, the
 * connection stops reading until the handler catches up, so back-pressure reaches the client
 * through TCP instead of memory growing.
 */
final class DefaultWsSession implements WsSession, Runnable {

	private static final System.Logger logger = System.getLogger(DefaultWsSession.class.getName());

	private static final Object OPENED = new Object();

	private static final VarHandle SCHEDULED;

	private static final VarHandle INBOX_BYTES;

	private static final VarHandle SENT;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			SCHEDULED = lookup.findVarHandle(DefaultWsSession.class, "scheduled", int.class);
			INBOX_BYTES = lookup.findVarHandle(DefaultWsSession.class, "inboxBytes", long.class);
			SENT = lookup.findVarHandle(DefaultWsSession.class, "sent", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private record Pong(byte[] payload) {
	}

	/** Runs an I/O thread action once the handler has had every event queued before it. */
	private record AfterEvents(Runnable action) {
	}

	private final long id;

	private final WebSocketConnection protocol;

	private final Connection connection;

	private final HandshakeContext handshake;

	private final WsHandler handler;

	private final EndpointStats stats;

	private final ServerRuntime server;

	private final Instant connectedAt = Instant.now();

	private final InetSocketAddress remoteAddress;

	private final Queue<Object> inbox;

	private final Runnable resumeReading;

	/** Null unless permessage-deflate was agreed; then messages of at least the minimum size are compressed. */
	private final MessageDeflater deflater;

	@SuppressWarnings("unused") // accessed through SCHEDULED
	private volatile int scheduled;

	@SuppressWarnings("unused") // accessed through INBOX_BYTES
	private volatile long inboxBytes;

	@SuppressWarnings("unused") // accessed through SENT
	private volatile long sent;

	private volatile long received;

	/** Whether application messages may still be queued: false once a close frame is queued. */
	private volatile boolean sendable = true;

	private volatile boolean readPausedByInbox;

	private boolean closeDelivered;

	DefaultWsSession(WebSocketConnection protocol, HandshakeContext handshake, WsEndpoint endpoint, EndpointStats stats,
			ServerRuntime server, MessageDeflater deflater) {
		this.deflater = deflater;
		this.id = SessionRegistry.nextId();
		this.protocol = protocol;
		this.connection = protocol.connection();
		this.handshake = handshake;
		this.handler = endpoint.handler();
		this.stats = stats;
		this.server = server;
		this.remoteAddress = handshake.remoteAddress();
		this.inbox = server.handlersOnIoThread() ? null : new ConcurrentLinkedQueue<>();
		this.resumeReading = this::resumeReading;
	}

	EndpointStats stats() {
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
		if (length < this.server.config().compressionMinSize()) {
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
		if (this.deflater == null || message.length() < this.server.config().compressionMinSize()) {
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
		if (queued > 0 && queued + size > this.server.config().maxOutboundQueueSize()) {
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
		if (this.server.config().slowClientPolicy() == WsServerConfig.SlowClientPolicy.DROP) {
			this.stats.dropped();
			logger.log(Level.WARNING, () -> "Dropped a message of " + size + " bytes to slow client #" + this.id
					+ " on " + path() + ": " + queued + " bytes already queued");
			return false;
		}
		if (this.sendable) {
			this.server.stats().slowClientClosed();
			logger.log(Level.WARNING, () -> "Closing slow client #" + this.id + " on " + path() + ": " + queued
					+ " bytes queued, over the limit of " + this.server.config().maxOutboundQueueSize());
			closeOnLoop(CloseCodes.POLICY_VIOLATION, "Slow client: outbound queue full", CloseCategory.SLOW_CLIENT);
		}
		return false;
	}

	@Override
	public void close(int code, String reason) {
		if (!CloseCodes.isValidOnWire(code)) {
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
		dispatch(OPENED, 0);
	}

	void dispatchMessage(Object message, int size) {
		this.received++;
		this.stats.received(message instanceof String, size);
		dispatch(message, size);
	}

	void dispatchPong(byte[] payload) {
		dispatch(new Pong(payload), payload.length);
	}

	void dispatchClose(CloseStatus status) {
		this.sendable = false;
		dispatch(status, 0);
	}

	/**
	 * Runs the action on the I/O thread once the handler has been given every event dispatched so
	 * far, so that its replies to them are queued first: at once when handlers run on the I/O
	 * thread or none is pending. I/O thread only.
	 */
	void afterPendingEvents(Runnable action) {
		if (this.inbox == null || ((int) SCHEDULED.getVolatile(this) == 0 && this.inbox.isEmpty())) {
			action.run();
			return;
		}
		dispatch(new AfterEvents(action), 0);
	}

	/** Runs on the I/O thread. */
	private void dispatch(Object event, int size) {
		if (this.inbox == null) {
			deliver(event);
			return;
		}
		this.inbox.offer(event);
		long pending = (long) INBOX_BYTES.getAndAdd(this, (long) size) + size;
		if (pending > this.server.config().maxInboundQueueSize() && !this.readPausedByInbox) {
			this.readPausedByInbox = true;
			this.connection.pauseReading();
		}
		if (SCHEDULED.compareAndSet(this, 0, 1)) {
			try {
				this.server.handlerExecutor().execute(this);
			}
			catch (RejectedExecutionException ex) {
				SCHEDULED.setVolatile(this, 0);
				logger.log(Level.ERROR, "Handler executor refused the events of session #" + this.id
						+ "; closing it with 1011", ex);
				this.protocol.close(CloseCodes.INTERNAL_ERROR, "Server overloaded", CloseCategory.SERVER_ERROR);
			}
		}
	}

	/** Drains the inbox on the handler executor, one event at a time. */
	@Override
	public void run() {
		do {
			Object event;
			while ((event = this.inbox.poll()) != null) {
				deliver(event);
				int size = sizeOf(event);
				if (size > 0) {
					long pending = (long) INBOX_BYTES.getAndAdd(this, (long) -size) - size;
					if (this.readPausedByInbox && pending <= this.server.config().maxInboundQueueSize() / 2) {
						this.readPausedByInbox = false;
						this.connection.loop().execute(this.resumeReading);
					}
				}
			}
			SCHEDULED.setVolatile(this, 0);
		}
		while (!this.inbox.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1));
	}

	private void resumeReading() {
		if (!this.readPausedByInbox) {
			this.connection.resumeReading();
		}
	}

	private static int sizeOf(Object event) {
		if (event instanceof String text) {
			return text.length();
		}
		if (event instanceof byte[] data) {
			return data.length;
		}
		return (event instanceof Pong pong) ? pong.payload().length : 0;
	}

	private void deliver(Object event) {
		if (this.closeDelivered) {
			return;
		}
		try {
			if (event instanceof String text) {
				this.handler.onText(this, text);
			}
			else if (event instanceof byte[] data) {
				this.handler.onBinary(this, data);
			}
			else if (event == OPENED) {
				this.handler.onOpen(this);
			}
			else if (event instanceof Pong pong) {
				this.handler.onPong(this, pong.payload());
			}
			else if (event instanceof AfterEvents after) {
				this.connection.loop().execute(after.action());
			}
			else if (event instanceof CloseStatus status) {
				this.closeDelivered = true;
				this.handler.onClose(this, status);
			}
		}
		catch (Throwable ex) {
			handleError(ex);
		}
	}

	private void handleError(Throwable error) {
		logger.log(Level.DEBUG, () -> "Handler of " + path() + " threw on session #" + this.id, error);
		try {
			this.handler.onError(this, error);
		}
		catch (Throwable ex) {
			logger.log(Level.ERROR, "Error handler of " + path() + " threw on session #" + this.id
					+ "; closing it with 1011", ex);
			if (this.sendable) {
				close(CloseCodes.INTERNAL_ERROR, "Internal server error");
			}
		}
	}

	@Override
	public String toString() {
		return "WsSession#" + this.id + " " + path() + " from " + this.remoteAddress;
	}

}
