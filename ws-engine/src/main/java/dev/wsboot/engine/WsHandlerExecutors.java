package dev.wsboot.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.internal.execution.HandlerPool;

/**
 * The handler executor the engine uses where virtual threads are not, for code that builds its
 * own (the Spring Boot starter keeps one across restarts).
 */
public final class WsHandlerExecutors {

	/** How often the pool's watchdog looks for blocked threads, while there is work. */
	private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private WsHandlerExecutors() {
	}

	/**
	 * A pool of at most {@code maxThreads} daemon platform threads, started as work needs them.
	 * Unlike a fixed thread pool it wakes one thread for a burst of tasks rather than one per
	 * task, so handing each session's messages over costs about one context switch per I/O
	 * loop iteration, and its threads wake the I/O loop once per run of sessions for their
	 * replies rather than once per reply. When tasks wait while a thread sits in a handler
	 * without using CPU (it blocks: 2 ms waiting on a lock, sleep or park, 20 ms runnable as in
	 * a socket read), or while a backlog lasts and a processor is free, it wakes one more
	 * thread, up to the maximum. Tasks of one session never run at once: the engine hands a
	 * session's events over one batch at a time.
	 * @param maxThreads the most threads that run handlers at once ({@link HandlerConfig#threads()})
	 * @param threadNamePrefix the threads are named with it and a number
	 */
	public static ExecutorService newPlatformPool(int maxThreads, String threadNamePrefix) {
		return new HandlerPool(maxThreads, threadNamePrefix, CHECK_NANOS);
	}

}
