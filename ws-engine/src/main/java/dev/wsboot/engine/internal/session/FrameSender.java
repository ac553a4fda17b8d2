package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.CompressionConfig;
import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsText;
import dev.wsboot.engine.internal.protocol.FrameEncoder;
import dev.wsboot.engine.internal.protocol.MessageDeflater;
import dev.wsboot.engine.internal.protocol.Opcode;
import dev.wsboot.engine.internal.transport.AfterFinalFrame;
import dev.wsboot.engine.internal.transport.Connection;
import dev.wsboot.engine.internal.transport.DirectReplies;

/**
 * The outbound half of an open connection's protocol: encodes messages into frames (through its
 * {@link CompressingSender} when permessage-deflate was agreed), bounds the queue with the slow
 * client policy, and queues close frames through the session's {@link CloseState}. Every frame the
 * session sends passes here. Safe from any thread.
 */
final class FrameSender implements WsText.Utf8Reader<Boolean> {

	private static final System.Logger logger = System.getLogger(FrameSender.class.getName());

	private static final VarHandle SENT;

	private static final VarHandle ABOVE_HIGH_WATER;

	private static final VarHandle DROPPED_IN_RUN;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			SENT = lookup.findVarHandle(FrameSender.class, "sent", long.class);
			ABOVE_HIGH_WATER = lookup.findVarHandle(FrameSender.class, "aboveHighWater", int.class);
			DROPPED_IN_RUN = lookup.findVarHandle(FrameSender.class, "droppedInRun", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Connection connection;

	private final CloseState closeState;

	private final PathCounters stats;

	private final ServerCounters serverStats;

	private final LimitsConfig limits;

	/**
	 * The smallest payload queued where it lies rather than copied into a frame: below it, a copy
	 * costs less than the second buffer and queue node.
	 */
	static final int UNCOPIED_MIN_SIZE = 1024;

	/** Null unless permessage-deflate was agreed. */
	private final @Nullable CompressingSender compressor;

	/** Name the session in log lines, joined only when one is written: a string kept per session would outweigh them. */
	private final long id;

	private final String path;

	private final ReplyScope replies;

	/** Told, once per crossing, that the queue passed the {@link #highWaterMark high-water mark}. */
	private final Backpressure backpressure;

	@SuppressWarnings("unused") // accessed through SENT
	private volatile long sent;

	@SuppressWarnings("unused") // accessed through ABOVE_HIGH_WATER
	private volatile int aboveHighWater;

	/** Messages dropped (DROP policy) since the queue last drained. */
	@SuppressWarnings("unused") // accessed through DROPPED_IN_RUN
	private volatile int droppedInRun;

	FrameSender(Connection connection, CloseState closeState, PathCounters stats, ServerCounters serverStats,
			LimitsConfig limits, CompressionConfig compression, @Nullable MessageDeflater deflater, long id, String path, ReplyScope replies,
			Backpressure backpressure) {
		this.replies = replies;
		this.backpressure = backpressure;
		this.connection = connection;
		this.closeState = closeState;
		this.stats = stats;
		this.serverStats = serverStats;
		this.limits = limits;
		this.compressor = (deflater != null) ? new CompressingSender(this, deflater, compression.minSize()) : null;
		this.id = id;
		this.path = path;
	}

	/**
	 * Who slows the client down when its replies pile up: the session's own protocol, rather than
	 * a lambda object kept by every connection.
	 */
	interface Backpressure {

		/** The queue passed the high-water mark; any thread. */
		void overHighWater();

	}

	boolean sendText(String text) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		if (this.compressor == null) {
			// The encoded bytes are ours alone: a large message is framed where they lie.
			return sendPlain(Opcode.TEXT, utf8, 0, utf8.length, true);
		}
		return this.compressor.send(Opcode.TEXT, utf8, 0, utf8.length);
	}

	/** The bytes as they are: framed where they lie (a WsText never changes), or compressed from there. */
	boolean sendText(WsText text) {
		if (this.compressor == null) {
			return text.read(this);
		}
		return text.read(this.compressor);
	}

	/**
	 * As the reader of a {@link WsText} sent without compression: the sender itself, so no object
	 * is made per message. @return as for {@link #sendText(WsText)}
	 */
	@Override
	public Boolean read(byte[] utf8, int offset, int length) {
		return sendPlain(Opcode.TEXT, utf8, offset, length, true);
	}

	/** The array is copied: the caller may change it once this returns. */
	boolean sendBinary(byte[] data) {
		if (this.compressor == null) {
			return sendPlain(Opcode.BINARY, data, 0, data.length, false);
		}
		return this.compressor.send(Opcode.BINARY, data, 0, data.length);
	}

	/** The array itself, handed over by the caller: a large one is framed where it lies. */
	boolean sendBinaryWithoutCopy(byte[] data) {
		if (this.compressor == null) {
			return sendPlain(Opcode.BINARY, data, 0, data.length, true);
		}
		return this.compressor.send(Opcode.BINARY, data, 0, data.length);
	}

	boolean sendBinary(ByteBuffer data) {
		if (this.compressor == null) {
			return send(FrameEncoder.frame(Opcode.BINARY, data), false);
		}
		byte[] copy = new byte[data.remaining()];
		data.duplicate().get(copy);
		return this.compressor.send(Opcode.BINARY, copy, 0, copy.length);
	}

	/**
	 * An uncompressed message: straight into the loop's write buffer when it may go there (see
	 * {@link DirectReplies}); else queued, as its header and the payload where it lies if the
	 * payload is handed over and large enough to be worth the second buffer, or as a frame around
	 * a copy.
	 * @param handedOver whether the bytes never change once sent (a {@link WsText}, an array made
	 * for this message)
	 */
	private boolean sendPlain(int opcode, byte[] payload, int offset, int length, boolean handedOver) {
		DirectReplies direct = this.connection.directReplies(frameLength(length));
		if (direct != null) {
			return sendDirect(direct, opcode, payload, offset, length);
		}
		boolean text = opcode == Opcode.TEXT;
		if (handedOver && length >= UNCOPIED_MIN_SIZE) {
			if (!this.closeState.isSendable() || !admits(FrameEncoder.headerLength(length) + length)) {
				return false;
			}
			byte[] header = FrameEncoder.header(opcode, length);
			return queued(this.connection.enqueue(header, payload, offset, length), header.length + length, text);
		}
		return send(FrameEncoder.frame(opcode, payload, offset, length), text);
	}

	/** A broadcast message: its shared plain or shared compressed frame, or compressed in our own context. */
	boolean send(BroadcastMessage message) {
		if (this.compressor != null && this.compressor.compresses(message.length())) {
			return this.compressor.send(message);
		}
		byte[] frame = message.plainFrame();
		DirectReplies direct = this.connection.directReplies(frame.length);
		if (direct != null) {
			return sendDirect(direct, frame, message.isText());
		}
		return send(frame, message.isText());
	}

	/**
	 * A reply from the I/O thread to the connection it is reading, with nothing queued: framed
	 * straight into the loop's write buffer (see {@link DirectReplies}), no frame of its own and
	 * nothing to bound, as the queue is empty.
	 */
	private boolean sendDirect(DirectReplies direct, int opcode, byte[] payload, int offset, int length) {
		if (!this.closeState.isSendable()) {
			return false;
		}
		int headerLength = FrameEncoder.writeHeader(direct.headerScratch(), 0, opcode, length);
		direct.append(headerLength, payload, offset, length);
		sentDirect(opcode == Opcode.TEXT, headerLength + length);
		return true;
	}

	/** A finished frame, shared by a broadcast's receivers, appended as it is. */
	private boolean sendDirect(DirectReplies direct, byte[] frame, boolean text) {
		if (!this.closeState.isSendable()) {
			return false;
		}
		direct.append(frame);
		sentDirect(text, frame.length);
		return true;
	}

	private static long frameLength(int payloadLength) {
		return FrameEncoder.headerLength(payloadLength) + (long) payloadLength;
	}

	private void sentDirect(boolean text, int size) {
		this.stats.sent(text, size);
		SENT.getAndAdd(this, 1L);
	}

	/**
	 * Queues a frame that may be shared with other sessions (a broadcast encodes once): the queue
	 * only reads it, so every session queues the same array.
	 */
	boolean send(byte[] frame, boolean text) {
		return this.closeState.isSendable() && admits(frame.length)
				&& queued(this.connection.enqueue(frame), frame.length, text);
	}

	/** A frame in a heap buffer (a compressed one), shared as {@link #send(byte[], boolean)}. */
	boolean send(ByteBuffer frame, boolean text) {
		return this.closeState.isSendable() && admits(frame.remaining()) && enqueue(frame, text);
	}

	/**
	 * The queue level that pauses reading: half the outbound bound, so the replies of a client that
	 * sends faster than it reads stop growing well before a push would find the queue full.
	 */
	static long highWaterMark(LimitsConfig limits) {
		return Math.max(1, limits.maxOutboundQueueSize() / 2);
	}

	/** The queue level at which reading resumes, a quarter of the high-water mark. */
	static long lowWaterMark(LimitsConfig limits) {
		return highWaterMark(limits) / 4;
	}

	/**
	 * Whether a frame of this size may be queued. A reply always may: the client causes it, and
	 * the reading pause past the high-water mark throttles the client through TCP instead. A push
	 * past the outbound bound meets the slow client policy.
	 */
	boolean admits(int size) {
		long queued = this.connection.queuedBytes();
		// The first message always fits, so one message larger than the bound can still be sent.
		if (queued > 0 && queued + size > this.limits.maxOutboundQueueSize() && !this.replies.isReply()) {
			return overflow(queued, size);
		}
		return true;
	}

	/**
	 * @return false if our close frame got into the queue first, so the frame will not be written:
	 * a sender that saw the session open a moment before it closed is told so, and nothing is
	 * counted as sent
	 */
	boolean enqueue(ByteBuffer frame, boolean text) {
		int size = frame.remaining();
		return queued(this.connection.enqueue(frame), size, text);
	}

	/**
	 * Counts a queued frame, asks for its flush and watches the high-water mark.
	 * @param ahead what the queue said: whether the frame is surely ahead of the final frame
	 */
	private boolean queued(boolean ahead, int size, boolean text) {
		if (!ahead) {
			return false;
		}
		this.stats.sent(text, size);
		SENT.getAndAdd(this, 1L);
		this.connection.requestFlush();
		if (this.connection.queuedBytes() > highWaterMark(this.limits) && ABOVE_HIGH_WATER.compareAndSet(this, 0, 1)) {
			this.backpressure.overHighWater();
		}
		return true;
	}

	/** The queue drained to the low-water mark: the next crossing is reported again. I/O thread. */
	void drained() {
		ABOVE_HIGH_WATER.setVolatile(this, 0);
		int dropped = (int) DROPPED_IN_RUN.getAndSet(this, 0);
		if (dropped > 0) {
			logger.log(Level.WARNING, () -> "Slow client " + name() + " caught up; " + dropped
					+ " messages to it were dropped");
		}
	}

	private boolean overflow(long queued, int size) {
		if (this.limits.slowClientPolicy() == WsServerConfig.SlowClientPolicy.DROP) {
			this.stats.dropped();
			// One line when a client starts losing messages, one when its queue drained (below);
			// every drop in between is counted in the path's dropped messages, not logged.
			if ((int) DROPPED_IN_RUN.getAndAdd(this, 1) == 0) {
				logger.log(Level.WARNING, () -> "Dropping messages to slow client " + name() + ": " + queued
						+ " bytes already queued, over the limit of " + this.limits.maxOutboundQueueSize()
						+ "; further drops are counted, not logged, until its queue drains");
			}
			return false;
		}
		// The first sender to see the overflow closes; from that moment nothing more is queued.
		if (close(CloseStatus.POLICY_VIOLATION, "Slow client: outbound queue full", CloseCategory.SLOW_CLIENT)) {
			this.serverStats.slowClientClosed();
			logger.log(Level.WARNING, () -> "Closing slow client " + name() + ": " + queued
					+ " bytes queued, over the limit of " + this.limits.maxOutboundQueueSize());
		}
		return false;
	}

	private String name() {
		return "#" + this.id + " on " + this.path;
	}

	boolean ping(byte[] payload) {
		return sendControl(Opcode.PING, payload);
	}

	boolean pong(byte[] payload) {
		return sendControl(Opcode.PONG, payload);
	}

	private boolean sendControl(int opcode, byte[] payload) {
		if (payload.length > FrameEncoder.MAX_CONTROL_PAYLOAD) {
			throw new IllegalArgumentException("Control frame payload of " + payload.length
					+ " bytes exceeds 125 (RFC 6455 §5.5)");
		}
		if (!this.closeState.isSendable()) {
			return false;
		}
		if (!this.connection.enqueue(FrameEncoder.frame(opcode, payload, 0, payload.length))) {
			return false;
		}
		this.connection.requestFlush();
		return true;
	}

	/**
	 * Starts the close handshake from our side (§7.1.2), if nothing started one before: our close
	 * frame is queued, and nothing after it.
	 * @param category how to count the close, or null to class it by its code
	 * @return whether this call started the close
	 */
	boolean close(int code, String reason, @Nullable CloseCategory category) {
		boolean started = this.closeState.startClose(code, reason, category,
				() -> this.connection.enqueueFinal(FrameEncoder.close(code, reason), AfterFinalFrame.KEEP_OPEN));
		if (started) {
			this.connection.requestFlush();
		}
		return started;
	}

	/** Queues our answer to the peer's close or violation (§5.5.1, §7.1.7), if it is still owed. */
	void reply() {
		CloseState.Reply reply = this.closeState.takeReply();
		if (reply != null) {
			this.connection.enqueueFinal(FrameEncoder.close(reply.code(), reply.reason()),
					reply.halfClose() ? AfterFinalFrame.SHUTDOWN_OUTPUT : AfterFinalFrame.CLOSE);
			this.connection.requestFlush();
		}
	}

	/** Whether messages may still be queued: until our close frame is (§5.5.1). */
	boolean isSendable() {
		return this.closeState.isSendable();
	}

	long queuedBytes() {
		return this.connection.queuedBytes();
	}

	long messagesSent() {
		return (long) SENT.getVolatile(this);
	}

	/** The connection closed: gives back the Deflater held for context takeover, if any. */
	void releaseCompression() {
		if (this.compressor != null) {
			this.compressor.release();
		}
	}

}
