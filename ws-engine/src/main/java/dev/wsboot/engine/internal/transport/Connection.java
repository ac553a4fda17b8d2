package dev.wsboot.engine.internal.transport;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One TCP connection on an {@link IoLoop}: reads into the loop's shared buffer, and writes its
 * {@link FrameQueue}, which any thread may add to. It holds no buffer of its own while idle. Bytes
 * pass through its {@link Transport}, plain or TLS, so the framing above is the same for ws:// and
 * wss://.
 * Internal API.
 *
 * <p>Reads, flushes and closes run on the loop thread; {@link #enqueue}, {@link #enqueueFinal},
 * {@link #requestFlush} and {@link #queuedBytes} are safe from any thread.
 */
public final class Connection implements Readiness {

	private static final System.Logger logger = System.getLogger(Connection.class.getName());

	private static final VarHandle FLUSH_SCHEDULED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			FLUSH_SCHEDULED = lookup.findVarHandle(Connection.class, "flushScheduled", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Reads per readiness event before yielding to other connections. */
	private static final int MAX_READS_PER_EVENT = 4;

	private final IoLoop loop;

	private final SocketChannel channel;

	private final Transport transport;

	/** Whether the transport may hold bytes of its own, so plain connections never ask it. */
	private final boolean transportBacklog;

	private final FrameQueue frames = new FrameQueue();

	/** The next connection in the loop's stack of flushes asked for by other threads; loop-owned when taken. */
	Connection nextFlushRequest;

	private SelectionKey key;

	private ConnectionHandler handler;

	@SuppressWarnings("unused") // accessed through FLUSH_SCHEDULED
	private volatile int flushScheduled;

	private boolean closed;

	private boolean readPaused;

	/** Position in the loop's connection list. */
	int index = -1;

	Connection(IoLoop loop, SocketChannel channel, Transport transport) {
		this.loop = loop;
		this.channel = channel;
		this.transport = transport;
		this.transportBacklog = transport.keepsBacklog();
	}

	void register(Selector selector) throws IOException {
		this.key = this.channel.register(selector, SelectionKey.OP_READ, this);
	}

	void rekey(SelectionKey key) {
		this.key = key;
	}

	void attach(ConnectionHandler handler) {
		this.handler = handler;
	}

	/**
	 * Hands the connection to the protocol of its next phase (the open WebSocket after the
	 * upgrade); loop thread only.
	 */
	public void handOver(ConnectionHandler next) {
		this.handler = next;
	}

	public IoLoop loop() {
		return this.loop;
	}

	public InetSocketAddress remoteAddress() {
		try {
			return (InetSocketAddress) this.channel.getRemoteAddress();
		}
		catch (IOException ex) {
			return null;
		}
	}

	public boolean isClosed() {
		return this.closed;
	}

	/** Whether the transport's own handshake (TLS) is still under way; loop thread only. */
	public boolean isTransportHandshaking() {
		return this.transport.isHandshaking();
	}

	@Override
	public void onReady(int readyOps) {
		if ((readyOps & SelectionKey.OP_WRITE) != 0) {
			flush();
		}
		if ((readyOps & SelectionKey.OP_READ) != 0 && !this.closed) {
			read();
			if (this.transportBacklog) {
				// A TLS handshake step may have left records the socket did not take.
				updateInterest();
			}
		}
	}

	private void read() {
		// A plain connection's replies during the read go straight into the write buffer; TLS
		// encrypts through a buffer of its own.
		DirectReplies replies = this.transportBacklog ? null : this.loop.directReplies();
		if (replies != null) {
			replies.open(this);
		}
		try {
			readInto(this.loop.readBuffer());
		}
		finally {
			if (replies != null) {
				replies.end();
			}
		}
	}

	private void readInto(ByteBuffer buffer) {
		for (int i = 0; i < MAX_READS_PER_EVENT && !this.closed && !this.readPaused; i++) {
			buffer.clear();
			int n;
			try {
				n = this.transport.read(buffer);
			}
			catch (IOException ex) {
				close(ex);
				return;
			}
			if (n < 0) {
				this.handler.onEndOfInput();
				return;
			}
			if (n == 0) {
				return;
			}
			buffer.flip();
			this.handler.onRead(buffer);
			if (n < buffer.capacity()) {
				return;
			}
		}
	}

	/** Stops reading, for back-pressure towards the client; loop thread only. */
	public void pauseReading() {
		if (!this.closed && !this.readPaused) {
			this.readPaused = true;
			updateInterest();
		}
	}

	/** Resumes reading; loop thread only. */
	public void resumeReading() {
		if (!this.closed && this.readPaused) {
			this.readPaused = false;
			updateInterest();
		}
	}

	/**
	 * Queues a frame without writing it; call {@link #requestFlush()} after. Safe from any thread.
	 * The array must not change once queued.
	 * @return false if the final frame was queued first (or at the same moment), so this frame may
	 * never be written
	 */
	public boolean enqueue(byte[] frame) {
		return this.frames.add(frame, 0, frame.length);
	}

	/** Queues the remaining bytes of a heap buffer (a compressed frame, a slice of its array), as {@link #enqueue(byte[])}. */
	public boolean enqueue(ByteBuffer frame) {
		return this.frames.add(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
	}

	/**
	 * Queues a frame as its header and its payload, where they lie, as one unit; otherwise as
	 * {@link #enqueue(byte[])}.
	 */
	public boolean enqueue(byte[] header, byte[] payload, int offset, int length) {
		return this.frames.add(header, payload, offset, length);
	}

	/**
	 * Queues the last frame of the connection: frames queued after it are discarded, so that no
	 * data follows a close frame even when another thread sends concurrently. Once it and
	 * everything before it are written, the connection does what {@code then} says. Safe from any
	 * thread; call {@link #requestFlush()} after.
	 */
	public void enqueueFinal(byte[] frame, AfterFinalFrame then) {
		this.frames.addFinal(frame, then);
	}

	/**
	 * Where a reply goes straight into the loop's write buffer instead of the queue: while the loop
	 * reads this connection, on its thread, with nothing queued (so the reply keeps its order), no
	 * final frame, and room for the frame in the buffer. Null otherwise.
	 * @param frameLength the frame's size, header included
	 */
	public @Nullable DirectReplies directReplies(long frameLength) {
		DirectReplies replies = this.loop.directReplies();
		return (replies.isOpenFor(this) && this.loop.inLoop() && replies.fits(frameLength) && this.frames.isEmpty()
				&& !this.frames.hasFinalFrame()) ? replies : null;
	}

	/** Writes direct replies. @return false if the connection failed (then it is closed) */
	boolean writeDirect(ByteBuffer out) {
		try {
			this.transport.write(out);
			return true;
		}
		catch (IOException ex) {
			close(ex);
			return false;
		}
	}

	/** The unwritten rest of a direct reply: ahead of everything queued, written when the socket takes it. */
	void queueAtHead(byte[] rest) {
		this.frames.addFirst(rest);
		updateInterest();
	}

	/**
	 * Arranges for queued frames to be written: at the end of the current loop iteration when
	 * called on the loop thread, else through one task per burst of sends. Safe from any thread.
	 */
	public void requestFlush() {
		if (FLUSH_SCHEDULED.compareAndSet(this, 0, 1)) {
			if (this.loop.inLoop()) {
				this.loop.flushLater(this);
			}
			else {
				this.loop.flushFromAnotherThread(this);
			}
		}
	}

	/** Bytes queued and not yet written. Safe from any thread. */
	public long queuedBytes() {
		return this.frames.queuedBytes();
	}

	/**
	 * Asks for {@link ConnectionHandler#onDrained()} once the queue is written down to this many
	 * bytes, at once if it already is; loop thread only.
	 */
	public void notifyWhenDrained(long mark) {
		this.frames.drainMark(mark);
		checkDrained();
	}

	private void checkDrained() {
		if (!this.closed && this.frames.takeDrained()) {
			this.handler.onDrained();
		}
	}

	/** Closes once everything queued is written; loop thread only. */
	public void closeAfterFlush() {
		this.frames.closeWhenWritten();
		flush();
	}

	/**
	 * Sends FIN once everything queued is written, and keeps reading until the peer closes: used
	 * after failing a connection, so the peer reads our close frame instead of a reset.
	 */
	public void shutdownOutputAfterFlush() {
		this.frames.shutdownOutputWhenWritten();
		flush();
	}

	/**
	 * Writes as much of the queue as the socket takes; loop thread only. Frames are copied into the
	 * loop's direct write buffer, so many small frames leave in one system call and large ones in
	 * slices, and the JDK never caches a temporary direct buffer per heap buffer size.
	 */
	void flush() {
		FLUSH_SCHEDULED.setVolatile(this, 0);
		// The write buffer is about to be reused: direct replies in it go first.
		this.loop.directReplies().end();
		if (this.closed) {
			return;
		}
		try {
			if (this.transportBacklog && !this.transport.flushBacklog()) {
				updateInterest();
				return;
			}
			if (!this.frames.writeTo(this.transport, this.loop.writeBuffer(), this.loop.batch(), this.loop.batchCounts())) {
				updateInterest();
				checkDrained();
				return;
			}
		}
		catch (IOException ex) {
			close(ex);
			return;
		}
		updateInterest();
		checkDrained();
		if (this.transportBacklog && this.transport.hasBacklog()) {
			return;
		}
		afterFlushed();
	}

	private void afterFlushed() {
		// KEEP_OPEN: nothing to do.
		switch (this.frames.takeAfterWritten()) {
			case CLOSE -> close(null);
			case SHUTDOWN_OUTPUT -> {
				try {
					this.transport.shutdownOutput();
				}
				catch (IOException ex) {
					close(ex);
				}
			}
		}
	}

	private boolean hasUnwritten() {
		return !this.frames.isEmpty()
				|| (this.transportBacklog && this.transport.hasBacklog());
	}

	private void updateInterest() {
		if (this.closed || !this.key.isValid()) {
			return;
		}
		int ops = (this.readPaused ? 0 : SelectionKey.OP_READ) | (hasUnwritten() ? SelectionKey.OP_WRITE : 0);
		if (this.key.interestOps() != ops) {
			this.key.interestOps(ops);
		}
	}

	void tick(long now) {
		this.handler.onTick(now);
	}

	/**
	 * Closes the socket now, dropping anything unwritten; loop thread only. The handler hears of it
	 * once.
	 * @param cause the I/O error that ends the connection, or null
	 */
	public void close(Throwable cause) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.key.cancel();
		try {
			this.transport.close();
		}
		catch (IOException ex) {
			logger.log(Level.TRACE, "Error closing a socket", ex);
		}
		this.loop.remove(this);
		this.loop.directReplies().discard(this);
		this.frames.clear();
		this.handler.onClosed(cause);
	}

}
