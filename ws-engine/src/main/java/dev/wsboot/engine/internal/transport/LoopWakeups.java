package dev.wsboot.engine.internal.transport;

import java.util.Arrays;

/**
 * The I/O loops one handler thread still has to wake for the replies it queued. Internal API.
 *
 * <p>Why defer: a handler thread drains the messages of many sessions in a row, and each reply
 * asks its loop to flush. Waking the loop at the first reply makes the scheduler switch to it at
 * once (a loop that slept has the right of way), so on a busy core the loop and the handler thread
 * took turns once per session, two context switches for a few messages. Deferred, the loop is
 * woken once for the whole run of sessions. The owner wakes what it deferred when it runs out of
 * work, and before each next task once a wakeup has waited {@link #MAX_DEFER_NANOS}; the pool's
 * watchdog wakes them for an owner stuck in a handler that blocks.
 */
public final class LoopWakeups {

	/** How long a reply may wait for its loop's wakeup while the owner keeps running tasks. */
	public static final long MAX_DEFER_NANOS = 50_000;

	private static final ThreadLocal<LoopWakeups> CURRENT = new ThreadLocal<>();

	/** Told of the first wakeup deferred since the last {@link #wakeAll()}: the watchdog must be checking. */
	private final Runnable firstDeferred;

	private IoLoop[] loops = new IoLoop[2];

	private int count;

	/** When the oldest deferred wakeup was deferred. */
	private long since;

	private LoopWakeups(Runnable firstDeferred) {
		this.firstDeferred = firstDeferred;
	}

	/**
	 * Defers the wakeups of loops asked for by the current thread, until it calls
	 * {@link #wakeAll()}.
	 * @param firstDeferred called when a wakeup is deferred and none was pending
	 */
	public static LoopWakeups deferForCurrentThread(Runnable firstDeferred) {
		LoopWakeups wakeups = new LoopWakeups(firstDeferred);
		CURRENT.set(wakeups);
		return wakeups;
	}

	/** Wakes the loop now, or later if the current thread defers its wakeups. */
	static void wake(IoLoop loop) {
		LoopWakeups deferred = CURRENT.get();
		if (deferred == null) {
			loop.wakeup();
		}
		else {
			deferred.add(loop);
		}
	}

	private void add(IoLoop loop) {
		boolean first;
		synchronized (this) {
			for (int i = 0; i < this.count; i++) {
				if (this.loops[i] == loop) {
					return;
				}
			}
			first = this.count == 0;
			if (first) {
				this.since = System.nanoTime();
			}
			if (this.count == this.loops.length) {
				this.loops = Arrays.copyOf(this.loops, this.count * 2);
			}
			this.loops[this.count++] = loop;
		}
		if (first) {
			this.firstDeferred.run();
		}
	}

	/** Whether a wakeup waits. Any thread. */
	public synchronized boolean isPending() {
		return this.count > 0;
	}

	/** Wakes what was deferred, if the oldest wakeup waited at least this long. Any thread. */
	public synchronized void wakeIfOlderThan(long nanos) {
		if (this.count > 0 && System.nanoTime() - this.since >= nanos) {
			wakeAll();
		}
	}

	/** Wakes every loop deferred so far. Any thread. */
	public synchronized void wakeAll() {
		for (int i = 0; i < this.count; i++) {
			this.loops[i].wakeup();
			this.loops[i] = null;
		}
		this.count = 0;
	}

}
