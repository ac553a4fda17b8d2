package dev.wsboot.engine.internal.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FrameQueue}: frames leave in the order they were added, the final frame ends the queue,
 * an idle queue holds nothing, even after it was used, and a queued buffer is only read.
 */
class FrameQueueTests {

	private final ByteBuffer out = ByteBuffer.allocate(1 << 16);

	private final FrameQueue.Queued[] batch = new FrameQueue.Queued[256];

	private final int[] counts = new int[256];

	private static byte[] frame(int value) {
		return new byte[] { (byte) value };
	}

	private static boolean add(FrameQueue queue, byte[] frame) {
		return queue.add(frame, 0, frame.length);
	}

	/** Writes everything queued, the socket taking it all; the bytes written, in order. */
	private List<Integer> drain(FrameQueue queue) {
		List<Integer> written = new ArrayList<>();
		while (true) {
			this.out.clear();
			int n = queue.fill(this.out, this.batch, this.counts);
			if (n == 0) {
				return written;
			}
			this.out.flip();
			queue.written(this.out.remaining());
			while (this.out.hasRemaining()) {
				written.add((int) this.out.get());
			}
			queue.giveBack(this.batch, this.counts, n, 0);
		}
	}

	@Test
	void framesAreWrittenInTheOrderTheyWereAdded() {
		FrameQueue queue = new FrameQueue();
		add(queue, frame(1));
		add(queue, frame(2));
		add(queue, frame(3));
		assertThat(drain(queue)).containsExactly(1, 2, 3);
		assertThat(queue.isEmpty()).isTrue();
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void framesAddedWhileEarlierOnesAreBeingWrittenFollowThem() {
		FrameQueue queue = new FrameQueue();
		add(queue, frame(1));
		add(queue, frame(2));
		this.out.clear();
		this.out.limit(1);
		int n = queue.fill(this.out, this.batch, this.counts);
		queue.giveBack(this.batch, this.counts, n, 1);
		add(queue, frame(3));
		assertThat(drain(queue)).containsExactly(1, 2, 3);
	}

	@Test
	void framesAfterTheFinalFrameAreDiscarded() {
		FrameQueue queue = new FrameQueue();
		assertThat(add(queue, frame(1))).isTrue();
		queue.addFinal(frame(2), AfterFinalFrame.CLOSE);
		assertThat(add(queue, frame(3))).isFalse();
		assertThat(drain(queue)).containsExactly(1, 2);
		assertThat(queue.takeAfterFinalFrame()).isEqualTo(AfterFinalFrame.CLOSE);
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void aWrittenQueueHalfClosesOnceAndAFinalFrameThatAsksToCloseOverridesTheHalfClose() {
		FrameQueue queue = new FrameQueue();
		assertThat(queue.takeAfterWritten()).isEqualTo(AfterFinalFrame.KEEP_OPEN);
		queue.shutdownOutputWhenWritten();
		assertThat(queue.takeAfterWritten()).isEqualTo(AfterFinalFrame.SHUTDOWN_OUTPUT);
		assertThat(queue.takeAfterWritten()).isEqualTo(AfterFinalFrame.KEEP_OPEN);
		queue.addFinal(frame(1), AfterFinalFrame.SHUTDOWN_OUTPUT);
		assertThat(drain(queue)).containsExactly(1);
		assertThat(queue.takeAfterWritten()).isEqualTo(AfterFinalFrame.KEEP_OPEN);

		FrameQueue closing = new FrameQueue();
		closing.shutdownOutputWhenWritten();
		closing.addFinal(frame(2), AfterFinalFrame.CLOSE);
		assertThat(drain(closing)).containsExactly(2);
		assertThat(closing.takeAfterWritten()).isEqualTo(AfterFinalFrame.CLOSE);
	}

	@Test
	void theDrainMarkIsReportedOnceWhenTheQueueIsDownToIt() {
		FrameQueue queue = new FrameQueue();
		assertThat(queue.takeDrained()).isFalse();
		add(queue, frame(1));
		add(queue, frame(2));
		queue.drainMark(1);
		assertThat(queue.takeDrained()).isFalse();
		assertThat(drain(queue)).containsExactly(1, 2);
		assertThat(queue.takeDrained()).isTrue();
		assertThat(queue.takeDrained()).isFalse();
	}

	/**
	 * Writes what is queued; each 4-byte record must be its thread's next one. The bytes are one
	 * stream, as on the socket: a fill may end inside a record, which the next one completes.
	 */
	private void checkOrder(FrameQueue queue, int[] next, ByteBuffer pending) {
		for (int n = 1; n > 0;) {
			this.out.clear();
			n = queue.fill(this.out, this.batch, this.counts);
			this.out.flip();
			queue.written(this.out.remaining());
			queue.giveBack(this.batch, this.counts, n, 0);
			pending.put(this.out).flip();
			while (pending.remaining() >= 4) {
				int thread = pending.get();
				int i = ((pending.get() & 0xFF) << 16) | ((pending.get() & 0xFF) << 8) | (pending.get() & 0xFF);
				assertThat(i).isEqualTo(next[thread]);
				next[thread]++;
			}
			pending.compact();
		}
	}

	@Test
	void eachThreadsFramesKeepTheirOrderWhenThreadsAddConcurrently() throws Exception {
		addConcurrently(false);
	}

	/**
	 * A frame queued as header and payload (a large payload where it lies) leaves as one unit: no
	 * other thread's frame gets between its two buffers. Each thread alternates both kinds, its
	 * pairs split after the first byte, so an interleaved frame would break the 4-byte records.
	 */
	@Test
	void aFrameQueuedAsHeaderAndPayloadIsNeverSplitByAnotherThreadsFrame() throws Exception {
		addConcurrently(true);
	}

	@Test
	void aFrameQueuedAsHeaderAndPayloadCountsBothAndIsDiscardedWholeAfterTheFinalFrame() {
		FrameQueue queue = new FrameQueue();
		assertThat(queue.add(frame(1), new byte[] { 2, 3 }, 0, 2)).isTrue();
		assertThat(queue.queuedBytes()).isEqualTo(3);
		queue.addFinal(frame(4), AfterFinalFrame.CLOSE);
		assertThat(queue.add(frame(5), frame(6), 0, 1)).isFalse();
		assertThat(drain(queue)).containsExactly(1, 2, 3, 4);
		assertThat(queue.queuedBytes()).isZero();
	}

	/**
	 * A broadcast's frame waits in many queues at once. Written in slices, with the socket taking
	 * only part of some, each queue writes exactly its range of the shared array, all of it, and
	 * leaves the array as it was for the others.
	 */
	@Test
	void oneFrameInTwoQueuesIsWrittenWholeByEachInSlicesAndLeftUnchanged() {
		byte[] shared = { 9, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		FrameQueue first = new FrameQueue();
		FrameQueue second = new FrameQueue();
		first.add(shared, 2, 8);
		second.add(shared, 2, 8);
		assertThat(writeInSlices(first)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
		assertThat(shared).containsExactly(9, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		assertThat(writeInSlices(second)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
		assertThat(first.isEmpty()).isTrue();
		assertThat(second.queuedBytes()).isZero();
	}

	/** Fills 3 bytes at a time, of which the socket takes 2; the bytes it took, in order. */
	private List<Integer> writeInSlices(FrameQueue queue) {
		List<Integer> written = new ArrayList<>();
		while (true) {
			this.out.clear();
			this.out.limit(3);
			int n = queue.fill(this.out, this.batch, this.counts);
			if (n == 0) {
				return written;
			}
			this.out.flip();
			int taken = Math.min(2, this.out.remaining());
			queue.written(taken);
			for (int i = 0; i < taken; i++) {
				written.add((int) this.out.get());
			}
			queue.giveBack(this.batch, this.counts, n, this.out.remaining());
		}
	}

	private void addConcurrently(boolean split) throws Exception {
		FrameQueue queue = new FrameQueue();
		int threads = 4;
		int perThread = 20_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		for (int t = 0; t < threads; t++) {
			int thread = t;
			pool.execute(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				for (int i = 0; i < perThread; i++) {
					byte[] record = { (byte) thread, (byte) (i >> 16), (byte) (i >> 8), (byte) i };
					if (split && i % 2 == 1) {
						queue.add(new byte[] { record[0] }, record, 1, 3);
					}
					else {
						add(queue, record);
					}
				}
			});
		}
		start.countDown();
		pool.shutdown();
		int[] next = new int[threads];
		ByteBuffer pending = ByteBuffer.allocate(this.out.capacity() + 4);
		// The loop thread's part: write while the threads add, then once more after they stopped.
		while (!pool.awaitTermination(0, TimeUnit.MILLISECONDS)) {
			checkOrder(queue, next, pending);
		}
		checkOrder(queue, next, pending);
		assertThat(next).containsOnly(perThread);
		assertThat(pending.position()).isZero();
		assertThat(queue.isEmpty()).isTrue();
	}

}
