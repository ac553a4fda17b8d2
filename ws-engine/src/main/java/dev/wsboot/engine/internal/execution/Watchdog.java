package dev.wsboot.engine.internal.execution;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a {@link HandlerPool} from stalling behind a blocked handler: every check period it looks
 * at the queue, and if tasks wait while a worker sits in one task without using CPU, it wakes one
 * more thread; a backlog that lasts several periods gets one too while a processor is free. It
 * also wakes the I/O loops a worker deferred waking (LoopWakeups) for longer than a period, which
 * only a worker stuck in a handler that blocks leaves waiting. It runs only while there is work: after a run of checks that
 * found the queue empty it parks, and the next task wakes it.
 */
final class Watchdog implements Runnable {

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(Watchdog.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Empty checks in a row after which it parks: about a tenth of a second at the default period. */
	private static final int IDLE_CHECKS = 100;

	/**
	 * Checks in a row a worker sits in one task using no CPU before it counts as blocked: two, so a
	 * garbage collection pause (which stops the watchdog too) is never taken for one.
	 */
	private static final int BLOCKED_CHECKS = 2;

	/** Checks in a row with tasks waiting and the queue never empty, after which a free processor gets a thread. */
	private static final int BACKLOG_CHECKS = 10;

	private static final int NOT_STARTED = 0;

	private static final int CHECKING = 1;

	private static final int PARKED = 2;

	private static final int STOPPED = 3;

	private final HandlerPool pool;

	private final long checkNanos;

	private final String name;

	private volatile int state = NOT_STARTED;

	private volatile Thread thread;

	Watchdog(HandlerPool pool, long checkNanos, String name) {
		this.pool = pool;
		this.checkNanos = checkNanos;
		this.name = name;
	}

	/** A task was queued: checks resume if they had stopped. One volatile read when they run. */
	void workArrived() {
		int current = this.state;
		if (current == CHECKING || current == STOPPED) {
			return;
		}
		if (current == NOT_STARTED && STATE.compareAndSet(this, NOT_STARTED, CHECKING)) {
			Thread started = new Thread(this, this.name);
			started.setDaemon(true);
			this.thread = started;
			started.start();
		}
		else if (current == PARKED && STATE.compareAndSet(this, PARKED, CHECKING)) {
			LockSupport.unpark(this.thread);
		}
	}

	void stop() {
		if ((int) STATE.getAndSet(this, STOPPED) != NOT_STARTED) {
			LockSupport.unpark(this.thread);
		}
	}

	@Override
	public void run() {
		int emptyChecks = 0;
		int backlogChecks = 0;
		while (this.state != STOPPED) {
			LockSupport.parkNanos(this, this.checkNanos);
			boolean deferring = this.pool.wakeDeferredOlderThan(this.checkNanos);
			if (this.pool.hasWaitingTasks()) {
				emptyChecks = 0;
				boolean blocked = this.pool.hasNewlyBlockedWorker(BLOCKED_CHECKS);
				backlogChecks = this.pool.takeDrained() ? 0 : backlogChecks + 1;
				if (blocked || (backlogChecks >= BACKLOG_CHECKS && this.pool.hasIdleProcessor())) {
					backlogChecks = 0;
					this.pool.wakeOne();
				}
			}
			else if (!deferring && ++emptyChecks >= IDLE_CHECKS) {
				emptyChecks = 0;
				park();
			}
		}
	}

	private void park() {
		if (!STATE.compareAndSet(this, CHECKING, PARKED)) {
			return;
		}
		// Looked at after publishing PARKED: a task offered (or a wakeup deferred) before it is seen
		// here, one after it finds PARKED and unparks us.
		boolean work = this.pool.hasWaitingTasks() || this.pool.wakeDeferredOlderThan(Long.MAX_VALUE);
		if (work && STATE.compareAndSet(this, PARKED, CHECKING)) {
			return;
		}
		while (this.state == PARKED) {
			LockSupport.park(this);
		}
	}

}
