package dev.wsboot.engine.internal.transport;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A connection's frames waiting to be written: any thread adds, the loop thread takes them into
 * the write buffer and gives back what the socket did not take. A deque of unwritten frames exists
 * only while the socket pushes back. After the final frame (a close frame, RFC 6455 §5.5.1)
 * nothing more is written, even what another thread adds concurrently. The queue also keeps what
 * the connection does once it is written (close, half-close) and when its handler hears that the
 * queue drained: both are about the queue's state, and an idle connection gets no object for them.
 *
 * <p>Added frames go on a lock-free stack that the loop thread takes whole and turns around, as
 * the loop's own flush requests do: an idle queue is two null fields, where a
 * {@code ConcurrentLinkedQueue} keeps 24 bytes of queue and a 24-byte node (two once it has been
 * used) for every connection, idle or not.
 *
 * <p>A frame is a range of an array that is only ever read; how much of it is written is kept in
 * its node. So one frame can wait in many queues at once (a broadcast's) without a copy or a
 * {@code ByteBuffer} view for each, and a queued message costs its array and one node.
 */
final class FrameQueue {

	private static final VarHandle QUEUED;

	private static final VarHandle ADDED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			QUEUED = lookup.findVarHandle(FrameQueue.class, "queued", long.class);
			ADDED = lookup.findVarHandle(FrameQueue.class, "added", Queued.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * A frame's bytes, the next of them to go into a write buffer, and its neighbour: the one added
	 * before it while on the stack, the next one once taken.
	 */
	static final class Queued {

		final byte[] bytes;

		/** Loop thread only once queued. */
		int position;

		final int limit;

		@Nullable Queued link;

		Queued(byte[] bytes, int offset, int length) {
			this.bytes = bytes;
			this.position = offset;
			this.limit = offset + length;
		}

		int remaining() {
			return this.limit - this.position;
		}

	}

	/** The frames added and not yet taken, newest first; accessed through ADDED. */
	@SuppressWarnings("unused")
	private volatile @Nullable Queued added;

	/** The frames taken from the stack and not yet written, oldest first; loop thread only. */
	private @Nullable Queued taken;

	/** Frames taken from the queue but not fully written; null while writes keep up. */
	private @Nullable ArrayDeque<Queued> unwritten;

	@SuppressWarnings("unused") // accessed through QUEUED
	private volatile long queued;

	/** A frame after which nothing may be written. */
	private volatile byte @Nullable [] finalFrame;

	/** Written before {@link #finalFrame}, taken once the final frame is written. */
	private volatile @Nullable AfterFinalFrame afterFinalFrame;

	private boolean finalFrameWritten;

	/**
	 * Loop thread: what the connection does once everything queued is written, as the connection
	 * or the final frame asked; {@link #takeAfterWritten()} gives a half-close once.
	 */
	private int afterWritten;

	private static final int AFTER_WRITTEN_NOTHING = 0;

	private static final int AFTER_WRITTEN_SHUTDOWN_OUTPUT = 1;

	private static final int AFTER_WRITTEN_CLOSE = 2;

	private static final int AFTER_WRITTEN_SHUT_DOWN = 3;

	/** Loop thread: queued bytes at or below which the connection's handler hears; -1 when nobody asked. */
	private long drainMark = -1;

	/**
	 * Any thread: a frame, {@code length} bytes of {@code bytes} from {@code offset}, which must not
	 * change once queued.
	 * @return true if the frame is surely ahead of the final frame; false if the final frame was
	 * queued first or concurrently, so the frame may be discarded
	 */
	boolean add(byte[] bytes, int offset, int length) {
		QUEUED.getAndAdd(this, (long) length);
		push(new Queued(bytes, offset, length));
		// Read after the push: had the final frame not been set yet, it is queued behind ours.
		return this.finalFrame == null;
	}

	/**
	 * Any thread: a frame in two parts, its header and its payload where the payload lies, so a
	 * large payload is not copied into a frame of its own. Both go onto the stack in one step, so no
	 * other sender's frame can come between them. Neither may change once queued.
	 * @return as for {@link #add(byte[], int, int)}
	 */
	boolean add(byte[] header, byte[] payload, int offset, int length) {
		QUEUED.getAndAdd(this, (long) header.length + length);
		Queued first = new Queued(header, 0, header.length);
		Queued second = new Queued(payload, offset, length);
		// Newest first: the payload sits above its header.
		second.link = first;
		push(second, first);
		return this.finalFrame == null;
	}

	private void push(Queued node) {
		push(node, node);
	}

	/** Pushes the nodes from top to bottom, already linked, in one compare-and-set. */
	private void push(Queued top, Queued bottom) {
		Queued below;
		do {
			below = this.added;
			bottom.link = below;
		}
		while (!ADDED.compareAndSet(this, below, top));
	}

	/** The oldest frame not yet handed to the write buffer, or null; loop thread only. */
	private @Nullable Queued poll() {
		if (this.unwritten != null && !this.unwritten.isEmpty()) {
			return this.unwritten.pollFirst();
		}
		if (this.taken == null) {
			this.taken = oldestFirst((Queued) ADDED.getAndSet(this, (Queued) null));
		}
		Queued first = this.taken;
		if (first == null) {
			return null;
		}
		this.taken = first.link;
		return first;
	}

	/** Turns the stack around; its nodes belong to the loop thread once taken. */
	private static @Nullable Queued oldestFirst(@Nullable Queued newest) {
		Queued oldest = null;
		while (newest != null) {
			Queued next = newest.link;
			newest.link = oldest;
			oldest = newest;
			newest = next;
		}
		return oldest;
	}

	/** Any thread. */
	void addFinal(byte[] frame, AfterFinalFrame then) {
		this.afterFinalFrame = then;
		this.finalFrame = frame;
		add(frame, 0, frame.length);
	}

	/** Bytes queued and not yet written. Any thread. */
	long queuedBytes() {
		return (long) QUEUED.getVolatile(this);
	}

	/** Loop thread: puts a frame's unwritten rest ahead of everything queued. */
	void addFirst(byte[] rest) {
		QUEUED.getAndAdd(this, (long) rest.length);
		if (this.unwritten == null) {
			this.unwritten = new ArrayDeque<>();
		}
		this.unwritten.addFirst(new Queued(rest, 0, rest.length));
	}

	/** Whether a frame after which nothing may be written was queued. Any thread. */
	boolean hasFinalFrame() {
		return this.finalFrame != null;
	}

	/** The socket took this many bytes. */
	void written(int bytes) {
		QUEUED.getAndAdd(this, (long) -bytes);
	}

	/**
	 * Writes frames through the write buffer until the queue is empty or the socket pushes back:
	 * many small frames leave in one system call, large ones in slices.
	 * @param batch and {@code counts} the loop's scratch arrays for the frames of one buffer
	 * @return whether everything queued was written
	 */
	boolean writeTo(Transport transport, ByteBuffer out, Queued[] batch, int[] counts) throws IOException {
		while (true) {
			out.clear();
			int n = fill(out, batch, counts);
			if (n == 0) {
				return true;
			}
			out.flip();
			int total = out.remaining();
			int written = transport.write(out);
			written(written);
			giveBack(batch, counts, n, total - written);
			if (written < total) {
				return false;
			}
		}
	}

	/** Copies frames into the write buffer, remembering each frame and how many bytes it gave. */
	int fill(ByteBuffer out, Queued[] batch, int[] counts) {
		int n = 0;
		while (out.hasRemaining() && n < batch.length) {
			Queued queued = poll();
			if (queued == null) {
				break;
			}
			byte[] frame = queued.bytes;
			if (this.finalFrameWritten && frame != this.finalFrame) {
				written(queued.remaining());
				continue;
			}
			if (frame == this.finalFrame) {
				this.finalFrameWritten = true;
			}
			int count = Math.min(queued.remaining(), out.remaining());
			out.put(frame, queued.position, count);
			queued.position += count;
			batch[n] = queued;
			counts[n] = count;
			n++;
		}
		return n;
	}

	/**
	 * Rewinds the frames by the bytes the socket did not take, and puts every frame with bytes left
	 * back at the head of the queue, in order.
	 */
	void giveBack(Queued[] batch, int[] counts, int n, int notWritten) {
		for (int i = n - 1; i >= 0; i--) {
			Queued queued = batch[i];
			batch[i] = null;
			if (notWritten > 0) {
				int rewind = Math.min(notWritten, counts[i]);
				queued.position -= rewind;
				notWritten -= rewind;
			}
			if (queued.remaining() > 0) {
				if (this.unwritten == null) {
					this.unwritten = new ArrayDeque<>();
				}
				this.unwritten.addFirst(queued);
			}
		}
		if (this.unwritten != null && this.unwritten.isEmpty()) {
			this.unwritten = null;
		}
	}

	boolean isEmpty() {
		return (this.unwritten == null || this.unwritten.isEmpty()) && this.taken == null && this.added == null;
	}

	/** Once the final frame is written: what the connection does next, given once; else null. */
	@Nullable AfterFinalFrame takeAfterFinalFrame() {
		if (!this.finalFrameWritten || this.afterFinalFrame == null) {
			return null;
		}
		AfterFinalFrame then = this.afterFinalFrame;
		this.afterFinalFrame = null;
		return then;
	}

	/** Loop thread: {@link #takeDrained()} answers true once the queue is down to {@code mark} bytes. */
	void drainMark(long mark) {
		this.drainMark = mark;
	}

	/** Loop thread: whether the queue reached the drain mark; true once per mark. */
	boolean takeDrained() {
		if (this.drainMark < 0 || queuedBytes() > this.drainMark) {
			return false;
		}
		this.drainMark = -1;
		return true;
	}

	/** Loop thread: close the socket once everything queued is written. */
	void closeWhenWritten() {
		this.afterWritten = AFTER_WRITTEN_CLOSE;
	}

	/** Loop thread: send FIN once everything queued is written, unless a close or FIN is already due. */
	void shutdownOutputWhenWritten() {
		if (this.afterWritten == AFTER_WRITTEN_NOTHING) {
			this.afterWritten = AFTER_WRITTEN_SHUTDOWN_OUTPUT;
		}
	}

	/**
	 * Loop thread, once the queue is written: close, half-close (given once), or keep the socket
	 * open, folding in what the final frame asked for if it has been written.
	 */
	AfterFinalFrame takeAfterWritten() {
		AfterFinalFrame then = takeAfterFinalFrame();
		if (then == AfterFinalFrame.CLOSE) {
			closeWhenWritten();
		}
		else if (then == AfterFinalFrame.SHUTDOWN_OUTPUT) {
			shutdownOutputWhenWritten();
		}
		if (this.afterWritten == AFTER_WRITTEN_CLOSE) {
			return AfterFinalFrame.CLOSE;
		}
		if (this.afterWritten == AFTER_WRITTEN_SHUTDOWN_OUTPUT) {
			this.afterWritten = AFTER_WRITTEN_SHUT_DOWN;
			return AfterFinalFrame.SHUTDOWN_OUTPUT;
		}
		return AfterFinalFrame.KEEP_OPEN;
	}

	/** The socket closed: drops everything. */
	void clear() {
		ADDED.setVolatile(this, (Queued) null);
		this.taken = null;
		this.unwritten = null;
		QUEUED.setVolatile(this, 0L);
	}

}
