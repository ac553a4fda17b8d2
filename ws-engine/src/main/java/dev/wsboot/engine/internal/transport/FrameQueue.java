package dev.wsboot.engine.internal.transport;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A connection's frames waiting to be written: any thread adds, the loop thread takes them into
 * the write buffer and gives back what the socket did not take. A deque of unwritten frames exists
 * only while the socket pushes back. After the final frame (a close frame, RFC 6455 §5.5.1)
 * nothing more is written, even what another thread adds concurrently.
 */
final class FrameQueue {

	private static final VarHandle QUEUED;

	static {
		try {
			QUEUED = MethodHandles.lookup().findVarHandle(FrameQueue.class, "queued", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Queue<ByteBuffer> outbound = new ConcurrentLinkedQueue<>();

	/** Frames taken from the queue but not fully written; null while writes keep up. */
	private @Nullable ArrayDeque<ByteBuffer> unwritten;

	@SuppressWarnings("unused") // accessed through QUEUED
	private volatile long queued;

	/** A frame after which nothing may be written. */
	private volatile @Nullable ByteBuffer finalFrame;

	/** Written before {@link #finalFrame}, taken once the final frame is written. */
	private volatile @Nullable AfterFinalFrame afterFinalFrame;

	private boolean finalFrameWritten;

	/**
	 * Any thread. The buffer must not change once queued.
	 * @return true if the frame is surely ahead of the final frame; false if the final frame was
	 * queued first or concurrently, so the frame may be discarded
	 */
	boolean add(ByteBuffer frame) {
		QUEUED.getAndAdd(this, (long) frame.remaining());
		this.outbound.offer(frame);
		// Read after the offer: had the final frame not been set yet, it is queued behind ours.
		return this.finalFrame == null;
	}

	/** Any thread. */
	void addFinal(ByteBuffer frame, AfterFinalFrame then) {
		this.afterFinalFrame = then;
		this.finalFrame = frame;
		add(frame);
	}

	/** Bytes queued and not yet written. Any thread. */
	long queuedBytes() {
		return (long) QUEUED.getVolatile(this);
	}

	/** Loop thread: puts a frame's unwritten rest ahead of everything queued. */
	void addFirst(ByteBuffer rest) {
		QUEUED.getAndAdd(this, (long) rest.remaining());
		if (this.unwritten == null) {
			this.unwritten = new ArrayDeque<>();
		}
		this.unwritten.addFirst(rest);
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
	boolean writeTo(Transport transport, ByteBuffer out, ByteBuffer[] batch, int[] counts) throws IOException {
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
	int fill(ByteBuffer out, ByteBuffer[] batch, int[] counts) {
		int n = 0;
		while (out.hasRemaining() && n < batch.length) {
			ByteBuffer frame = (this.unwritten != null && !this.unwritten.isEmpty()) ? this.unwritten.pollFirst()
					: this.outbound.poll();
			if (frame == null) {
				break;
			}
			if (this.finalFrameWritten && frame != this.finalFrame) {
				written(frame.remaining());
				continue;
			}
			if (frame == this.finalFrame) {
				this.finalFrameWritten = true;
			}
			int count = Math.min(frame.remaining(), out.remaining());
			if (count == frame.remaining()) {
				out.put(frame);
			}
			else {
				int limit = frame.limit();
				frame.limit(frame.position() + count);
				out.put(frame);
				frame.limit(limit);
			}
			batch[n] = frame;
			counts[n] = count;
			n++;
		}
		return n;
	}

	/**
	 * Rewinds the frames by the bytes the socket did not take, and puts every frame with bytes left
	 * back at the head of the queue, in order.
	 */
	void giveBack(ByteBuffer[] batch, int[] counts, int n, int notWritten) {
		for (int i = n - 1; i >= 0; i--) {
			ByteBuffer frame = batch[i];
			batch[i] = null;
			if (notWritten > 0) {
				int rewind = Math.min(notWritten, counts[i]);
				frame.position(frame.position() - rewind);
				notWritten -= rewind;
			}
			if (frame.hasRemaining()) {
				if (this.unwritten == null) {
					this.unwritten = new ArrayDeque<>();
				}
				this.unwritten.addFirst(frame);
			}
		}
		if (this.unwritten != null && this.unwritten.isEmpty()) {
			this.unwritten = null;
		}
	}

	boolean isEmpty() {
		return (this.unwritten == null || this.unwritten.isEmpty()) && this.outbound.isEmpty();
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

	/** The socket closed: drops everything. */
	void clear() {
		this.outbound.clear();
		this.unwritten = null;
		QUEUED.setVolatile(this, 0L);
	}

}
