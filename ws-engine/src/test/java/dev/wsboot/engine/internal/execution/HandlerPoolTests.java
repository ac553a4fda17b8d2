package dev.wsboot.engine.internal.execution;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.wsboot.engine.internal.transport.IoLoop;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HandlerPool}: blocked tasks do not hold back the others, the thread bound holds, bursts
 * of short tasks do not wake a thread per task, a task from an I/O loop's thread waits for the end
 * of the loop's iteration, and shutdown finishes what was queued.
 */
class HandlerPoolTests {

	private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private HandlerPool pool = new HandlerPool(4, "test-handler-", CHECK_NANOS);

	@AfterEach
	void shutdown() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aTaskThatBlocksDoesNotHoldBackTheTasksQueuedBehindIt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch blocking = new CountDownLatch(1);
		CountDownLatch others = new CountDownLatch(3);
		this.pool.execute(() -> {
			blocking.countDown();
			await(release);
		});
		assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 3; i++) {
			this.pool.execute(others::countDown);
		}
		// Queued behind a thread that is awake but blocked: the watchdog wakes another.
		assertThat(others.await(10, TimeUnit.SECONDS)).isTrue();
		release.countDown();
	}

	@Test
	void neverRunsMoreThreadsThanItsMaximum() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger finished = new AtomicInteger();
		for (int i = 0; i < 10; i++) {
			this.pool.execute(() -> {
				running.incrementAndGet();
				await(release);
				running.decrementAndGet();
				finished.incrementAndGet();
			});
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (running.get() < 4 && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		// Time for a fifth thread to appear, were the bound not kept.
		Thread.sleep(50);
		assertThat(running).hasValue(4);
		assertThat(this.pool.threadCount()).isEqualTo(4);
		release.countDown();
		while (finished.get() < 10 && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(finished).hasValue(10);
	}

	@Test
	void burstsOfShortTasksAreRunWithoutStartingEveryThread() throws Exception {
		this.pool = new HandlerPool(16, "test-handler-", CHECK_NANOS);
		for (int burst = 0; burst < 100; burst++) {
			CountDownLatch done = new CountDownLatch(64);
			for (int i = 0; i < 64; i++) {
				this.pool.execute(done::countDown);
			}
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		}
		// A fixed thread pool would have started all 16 in the first burst; here a thread is
		// added only when tasks waited a whole millisecond, which only a stalled machine causes.
		assertThat(this.pool.threadCount()).isLessThanOrEqualTo(8);
	}

	@Test
	void aTaskThatThrowsDoesNotStopItsThread() throws Exception {
		this.pool = new HandlerPool(1, "test-handler-", CHECK_NANOS);
		CountDownLatch after = new CountDownLatch(1);
		this.pool.execute(() -> {
			throw new IllegalStateException("handler bug");
		});
		this.pool.execute(after::countDown);
		assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.pool.threadCount()).isEqualTo(1);
	}

	@Test
	void shutdownRunsWhatWasQueuedAndRefusesNewTasks() throws Exception {
		this.pool = new HandlerPool(1, "test-handler-", CHECK_NANOS);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger ran = new AtomicInteger();
		this.pool.execute(() -> await(release));
		for (int i = 0; i < 5; i++) {
			this.pool.execute(ran::incrementAndGet);
		}
		this.pool.shutdown();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.pool.execute(() -> {
		}));
		assertThat(this.pool.isTerminated()).isFalse();
		release.countDown();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(ran).hasValue(5);
	}

	@Test
	void aTaskHandedOverOnAnIoLoopThreadStartsOnlyOnceTheLoopsIterationEnds() throws Exception {
		// A watchdog that checks rarely, so nothing but the iteration's end wakes a worker here.
		HandlerPool pool = new HandlerPool(4, "test-deferred-", TimeUnit.SECONDS.toNanos(5));
		IoLoop loop = new IoLoop("test-loop", 4096, TimeUnit.SECONDS.toNanos(1));
		loop.start();
		try {
			// A worker already started and parked, so that waking it would take microseconds.
			CountDownLatch started = new CountDownLatch(1);
			pool.execute(started::countDown);
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			AtomicLong loopTaskEnded = new AtomicLong();
			AtomicLong poolTaskStarted = new AtomicLong();
			CountDownLatch ran = new CountDownLatch(1);
			CountDownLatch loopTaskDone = new CountDownLatch(1);
			loop.execute(() -> {
				pool.execute(() -> {
					poolTaskStarted.set(System.nanoTime());
					ran.countDown();
				});
				// The rest of the iteration: more connections read, flushes written.
				long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
				while (System.nanoTime() < until) {
					Thread.onSpinWait();
				}
				loopTaskEnded.set(System.nanoTime());
				loopTaskDone.countDown();
			});
			assertThat(loopTaskDone.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(ran.await(10, TimeUnit.SECONDS)).as("the task ran").isTrue();
			assertThat(poolTaskStarted.get()).as("it started after the loop's iteration").isGreaterThan(loopTaskEnded.get());
			assertThat(pool.threadCount()).isEqualTo(1);
		}
		finally {
			loop.shutdown(10, TimeUnit.SECONDS);
			pool.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
