package dev.wsboot.engine.internal.execution;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded pool of platform threads for handlers that may block, which wakes as few threads as
 * the work needs. Internal API.
 *
 * <p>Why not {@code Executors.newFixedThreadPool}: its queue wakes a parked thread for every task
 * while any is parked, and the I/O loop hands over one task per session per read, so a read of
 * 64 connections woke all 16 threads to share one core, and the context switches cost more than
 * the handlers. Here a task wakes a thread only when no thread is awake: one awake thread drains
 * what the loop hands over, one session after the other. A thread that blocks must not hold
 * everyone back, so a {@link Watchdog} wakes one more thread whenever the queue has not been
 * empty for a whole check period (a blocked handler, or more work than one thread does); threads
 * go back to sleep as soon as they find the queue empty.
 */
public final class HandlerPool extends AbstractExecutorService {

	private static final System.Logger logger = System.getLogger(HandlerPool.class.getName());

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/** Parked workers, the most recently parked first: its caches are the warmest. */
	private final ParkedWorkers parked;

	/** Workers not parked: running a task, looking for one, or woken and not yet running. */
	private final AtomicInteger awake = new AtomicInteger();

	private final AtomicInteger started = new AtomicInteger();

	private final AtomicInteger running = new AtomicInteger();

	private final int maxThreads;

	private final String namePrefix;

	private final Watchdog watchdog;

	private final CountDownLatch terminated = new CountDownLatch(1);

	private volatile boolean shutdown;

	/**
	 * Set by a worker that found the queue empty, cleared by each watchdog check: a check that
	 * finds it clear and tasks waiting knows the queue has not been empty since the last one.
	 */
	private volatile boolean drained = true;

	/**
	 * @param maxThreads the most threads that ever run handlers at once
	 * @param namePrefix the threads are named with it and a number
	 * @param checkNanos how long the queue may stay non-empty before one more thread is woken
	 */
	public HandlerPool(int maxThreads, String namePrefix, long checkNanos) {
		if (maxThreads < 1) {
			throw new IllegalArgumentException("maxThreads must be at least 1, was " + maxThreads);
		}
		this.maxThreads = maxThreads;
		this.namePrefix = namePrefix;
		this.parked = new ParkedWorkers(maxThreads);
		this.watchdog = new Watchdog(this, checkNanos, namePrefix + "watchdog");
	}

	@Override
	public void execute(Runnable task) {
		if (this.shutdown) {
			throw new RejectedExecutionException("Handler pool " + this.namePrefix + " is shut down");
		}
		this.tasks.offer(task);
		// Read after the offer: a worker going to sleep decrements before it looks at the queue, so
		// either it sees the task or we see it gone (no lost wakeup).
		if (this.awake.get() == 0) {
			wakeOne();
		}
		this.watchdog.workArrived();
	}

	/** Whether tasks are waiting for a thread. */
	boolean hasWaitingTasks() {
		return !this.tasks.isEmpty();
	}

	/**
	 * Whether a worker found the queue empty since the last call. A worker that sets it between
	 * our read and our clear is missed: the price is at most one thread woken early.
	 */
	boolean takeDrained() {
		boolean was = this.drained;
		this.drained = false;
		return was;
	}

	/** Threads started so far; never more than the maximum. */
	public int threadCount() {
		return this.started.get();
	}

	/**
	 * Wakes a parked worker, or starts one while fewer than the maximum run.
	 * @return false if every thread is already awake
	 */
	boolean wakeOne() {
		Worker worker = this.parked.pop();
		if (worker != null) {
			this.awake.incrementAndGet();
			worker.signal();
			return true;
		}
		for (int count = this.started.get(); count < this.maxThreads; count = this.started.get()) {
			if (this.started.compareAndSet(count, count + 1)) {
				this.awake.incrementAndGet();
				this.running.incrementAndGet();
				Thread thread = new Thread(new Worker(), this.namePrefix + (count + 1));
				thread.setDaemon(true);
				thread.start();
				return true;
			}
		}
		return false;
	}

	@Override
	public void shutdown() {
		if (this.shutdown) {
			return;
		}
		this.shutdown = true;
		Worker worker;
		while ((worker = this.parked.pop()) != null) {
			this.awake.incrementAndGet();
			worker.signal();
		}
		this.watchdog.stop();
		if (this.running.get() == 0) {
			this.terminated.countDown();
		}
	}

	/** Stops taking tasks and drops those not started; running ones finish (no interrupts). */
	@Override
	public List<Runnable> shutdownNow() {
		shutdown();
		List<Runnable> dropped = new ArrayList<>();
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			dropped.add(task);
		}
		return dropped;
	}

	@Override
	public boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean isTerminated() {
		return this.terminated.getCount() == 0;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		return this.terminated.await(timeout, unit);
	}

	final class Worker implements Runnable {

		private volatile Thread thread;

		private volatile boolean signalled;

		@Override
		public void run() {
			this.thread = Thread.currentThread();
			try {
				while (true) {
					Runnable task = HandlerPool.this.tasks.poll();
					if (task != null) {
						runTask(task);
					}
					else if (HandlerPool.this.shutdown) {
						return;
					}
					else {
						if (!HandlerPool.this.drained) {
							HandlerPool.this.drained = true;
						}
						sleep();
					}
				}
			}
			finally {
				HandlerPool.this.awake.decrementAndGet();
				if (HandlerPool.this.running.decrementAndGet() == 0 && HandlerPool.this.shutdown) {
					HandlerPool.this.terminated.countDown();
				}
			}
		}

		private void runTask(Runnable task) {
			try {
				task.run();
			}
			catch (Throwable ex) {
				logger.log(Level.ERROR, "Handler task failed on " + Thread.currentThread().getName(), ex);
			}
		}

		/**
		 * Parks until a waker takes this worker off the parked stack and signals it. Tasks that
		 * came while it was getting there are not left waiting: it wakes a worker for them, most
		 * likely itself, as it is on top.
		 */
		private void sleep() {
			this.signalled = false;
			HandlerPool.this.parked.push(this);
			HandlerPool.this.awake.decrementAndGet();
			if (HandlerPool.this.hasWaitingTasks() || HandlerPool.this.shutdown) {
				wakeOne();
			}
			while (!this.signalled) {
				LockSupport.park(this);
			}
		}

		void signal() {
			this.signalled = true;
			LockSupport.unpark(this.thread);
		}

	}

}
