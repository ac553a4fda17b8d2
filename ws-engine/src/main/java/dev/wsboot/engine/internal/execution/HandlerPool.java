package dev.wsboot.engine.internal.execution;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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

import dev.wsboot.engine.internal.transport.IterationEndActions;
import dev.wsboot.engine.internal.transport.LoopWakeups;

/**
 * A bounded pool of platform threads for handlers that may block, which wakes as few threads as
 * the work needs. Internal API.
 *
 * <p>Why not {@code Executors.newFixedThreadPool}: its queue wakes a parked thread for every task
 * while any is parked, and the I/O loop hands over one task per session per read, so a read of
 * 64 connections woke all 16 threads to share one core, and the context switches cost more than
 * the handlers. Here a task wakes a thread only when no thread is awake: one awake thread drains
 * what the loop hands over, one session after the other. A thread that blocks must not hold
 * everyone back, so a {@link Watchdog} wakes one more thread when tasks wait while a worker has
 * sat in one task for a few check periods without using CPU (a blocked handler), or when the queue has not run
 * empty for several periods and a processor is free (more work than one thread does). Never
 * merely because the queue is long: on a saturated core a second busy thread only takes time from
 * the I/O thread. Threads go back to sleep as soon as they find the queue empty.
 */
public final class HandlerPool extends AbstractExecutorService {

	private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

	/** How many more checks a runnable worker must sit without CPU than a waiting one to count as blocked. */
	private static final int RUNNABLE_BLOCKED_FACTOR = 10;

	private static final VarHandle TAKEN;

	static {
		try {
			TAKEN = MethodHandles.lookup().findVarHandle(Worker.class, "taken", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final System.Logger logger = System.getLogger(HandlerPool.class.getName());

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/** Parked workers, the most recently parked first: its caches are the warmest. */
	private final ParkedWorkers parked;

	/** Workers not parked: running a task, looking for one, or woken and not yet running. */
	private final AtomicInteger awake = new AtomicInteger();

	private final AtomicInteger started = new AtomicInteger();

	/** Deferred by an I/O loop's thread to the end of its iteration; one object, so deferred once per iteration. */
	private final Runnable wakeIfAllAsleep = () -> {
		if (this.awake.get() == 0 && hasWaitingTasks()) {
			wakeOne();
		}
	};

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

	private final int processors = Runtime.getRuntime().availableProcessors();

	/** Every worker started, for the watchdog to wake what they deferred; guarded by this. */
	private final Worker[] workers;

	private int registered;

	/**
	 * @param maxThreads the most threads that ever run handlers at once
	 * @param namePrefix the threads are named with it and a number
	 * @param checkNanos how often the watchdog looks for blocked workers and deferred wakeups
	 */
	public HandlerPool(int maxThreads, String namePrefix, long checkNanos) {
		if (maxThreads < 1) {
			throw new IllegalArgumentException("maxThreads must be at least 1, was " + maxThreads);
		}
		this.maxThreads = maxThreads;
		this.namePrefix = namePrefix;
		this.parked = new ParkedWorkers(maxThreads);
		this.workers = new Worker[maxThreads];
		this.watchdog = new Watchdog(this, checkNanos, namePrefix + "watchdog");
	}

	@Override
	public void execute(Runnable task) {
		if (this.shutdown) {
			throw new RejectedExecutionException("Handler pool " + this.namePrefix + " is shut down");
		}
		this.tasks.offer(task);
		// Read after the offer: a worker going to sleep decrements before it looks at the queue, so
		// either it sees the task or we see it gone (no lost wakeup). An I/O loop's thread wakes
		// one at the end of its iteration instead, once for all the sessions it read.
		if (this.awake.get() == 0 && !IterationEndActions.defer(this.wakeIfAllAsleep)) {
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

	/**
	 * Whether a worker has been inside one task, using no CPU, for {@code checks} calls in a row
	 * (a handler waiting on I/O, a lock or a sleep), and no thread was woken for it yet. Watchdog
	 * thread only. A worker that is merely busy uses CPU; one the scheduler left waiting looks
	 * blocked too, which costs at most one thread woken early.
	 */
	boolean hasNewlyBlockedWorker(int checks) {
		Worker[] all;
		int count;
		synchronized (this) {
			all = this.workers;
			count = this.registered;
		}
		boolean found = false;
		for (int i = 0; i < count; i++) {
			found |= all[i].isNewlyBlocked(checks);
		}
		return found;
	}

	/**
	 * Whether one more awake thread could run in parallel: fewer are awake than there are
	 * processors. On one core a second busy thread only takes time from the I/O thread.
	 */
	boolean hasIdleProcessor() {
		return this.awake.get() < this.processors;
	}

	private synchronized void register(Worker worker) {
		this.workers[this.registered++] = worker;
	}

	/**
	 * Wakes the loops a worker deferred longer than this, for a worker stuck in a handler.
	 * @return whether any worker still defers a wakeup
	 */
	boolean wakeDeferredOlderThan(long nanos) {
		Worker[] all;
		int count;
		synchronized (this) {
			all = this.workers;
			count = this.registered;
		}
		boolean pending = false;
		for (int i = 0; i < count; i++) {
			all[i].wakeups.wakeIfOlderThan(nanos);
			pending |= all[i].wakeups.isPending();
		}
		return pending;
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

		/** The loop wakeups this worker's replies deferred; set before it is listed in {@link #workers}. */
		private volatile LoopWakeups wakeups;

		/** Tasks taken; written by the worker only. */
		@SuppressWarnings("unused") // written through TAKEN
		private volatile long taken;

		private volatile boolean inTask;

		// The watchdog's view of this worker, touched by the watchdog thread only.

		private long seenTaken = -1;

		private long seenCpu = -1;

		private int stuckChecks;

		private boolean replaced;

		/**
		 * Whether this worker looks blocked in its task: no new task and no CPU used for
		 * {@code checks} checks in a row while it waits on a lock, a sleep or a park, or for
		 * {@link #RUNNABLE_BLOCKED_FACTOR} times as many while it is runnable (a handler in a socket
		 * read looks runnable; so does a worker the scheduler has not run, which on a busy core can
		 * happen for a few milliseconds at a time and must not count).
		 */
		boolean isNewlyBlocked(int checks) {
			long taken = this.taken;
			Thread worker = this.thread;
			long cpu = CPU.isThreadCpuTimeSupported() ? CPU.getThreadCpuTime(worker.getId()) : -1;
			if (!this.inTask || taken != this.seenTaken || cpu != this.seenCpu) {
				this.stuckChecks = 0;
				this.replaced = false;
			}
			else {
				this.stuckChecks++;
			}
			this.seenTaken = taken;
			this.seenCpu = cpu;
			int needed = (worker.getState() == Thread.State.RUNNABLE) ? checks * RUNNABLE_BLOCKED_FACTOR : checks;
			if (this.stuckChecks >= needed && !this.replaced) {
				this.replaced = true;
				return true;
			}
			return false;
		}

		private volatile boolean signalled;

		@Override
		public void run() {
			this.thread = Thread.currentThread();
			this.wakeups = LoopWakeups.deferForCurrentThread(HandlerPool.this.watchdog::workArrived);
			HandlerPool.this.register(this);
			try {
				while (true) {
					Runnable task = HandlerPool.this.tasks.poll();
					if (task != null) {
						this.wakeups.wakeIfOlderThan(LoopWakeups.MAX_DEFER_NANOS);
						TAKEN.setRelease(this, this.taken + 1);
						this.inTask = true;
						runTask(task);
						this.inTask = false;
					}
					else if (HandlerPool.this.shutdown) {
						return;
					}
					else {
						this.wakeups.wakeAll();
						if (!HandlerPool.this.drained) {
							HandlerPool.this.drained = true;
						}
						sleep();
					}
				}
			}
			finally {
				this.wakeups.wakeAll();
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
