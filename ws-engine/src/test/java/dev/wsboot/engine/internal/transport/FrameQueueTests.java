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
 * and an idle queue holds nothing, even after it was used.
 */
class FrameQueueTests {

	private final ByteBuffer out = ByteBuffer.allocate(1 << 16);

	private final ByteBuffer[] batch = new ByteBuffer[256];

	private final int[] counts = new int[256];

	private static ByteBuffer frame(int value) {
		return ByteBuffer.wrap(new byte[] { (byte) value });
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
		queue.add(frame(1));
		queue.add(frame(2));
		queue.add(frame(3));
		assertThat(drain(queue)).containsExactly(1, 2, 3);
		assertThat(queue.isEmpty()).isTrue();
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void framesAddedWhileEarlierOnesAreBeingWrittenFollowThem() {
		FrameQueue queue = new FrameQueue();
		queue.add(frame(1));
		queue.add(frame(2));
		this.out.clear();
		this.out.limit(1);
		int n = queue.fill(this.out, this.batch, this.counts);
		queue.giveBack(this.batch, this.counts, n, 1);
		queue.add(frame(3));
		assertThat(drain(queue)).containsExactly(1, 2, 3);
	}

	@Test
	void framesAfterTheFinalFrameAreDiscarded() {
		FrameQueue queue = new FrameQueue();
		assertThat(queue.add(frame(1))).isTrue();
		queue.addFinal(frame(2), AfterFinalFrame.CLOSE);
		assertThat(queue.add(frame(3))).isFalse();
		assertThat(drain(queue)).containsExactly(1, 2);
		assertThat(queue.takeAfterFinalFrame()).isEqualTo(AfterFinalFrame.CLOSE);
		assertThat(queue.queuedBytes()).isZero();
	}

	/** Writes what is queued; each frame must be its thread's next one. */
	private void checkOrder(FrameQueue queue, int[] next) {
		for (int n = 1; n > 0;) {
			this.out.clear();
			n = queue.fill(this.out, this.batch, this.counts);
			this.out.flip();
			queue.written(this.out.remaining());
			queue.giveBack(this.batch, this.counts, n, 0);
			while (this.out.hasRemaining()) {
				int thread = this.out.get();
				int i = ((this.out.get() & 0xFF) << 16) | ((this.out.get() & 0xFF) << 8) | (this.out.get() & 0xFF);
				assertThat(i).isEqualTo(next[thread]);
				next[thread]++;
			}
		}
	}

	@Test
	void eachThreadsFramesKeepTheirOrderWhenThreadsAddConcurrently() throws Exception {
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
					queue.add(ByteBuffer.wrap(new byte[] { (byte) thread, (byte) (i >> 16), (byte) (i >> 8), (byte) i }));
				}
			});
		}
		start.countDown();
		pool.shutdown();
		int[] next = new int[threads];
		// The loop thread's part: write while the threads add, then once more after they stopped.
		while (!pool.awaitTermination(0, TimeUnit.MILLISECONDS)) {
			checkOrder(queue, next);
		}
		checkOrder(queue, next);
		assertThat(next).containsOnly(perThread);
		assertThat(queue.isEmpty()).isTrue();
	}

}
