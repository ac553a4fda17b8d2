package dev.wsboot.cluster.redis;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The backplane's single threads: daemons, so a node that is not stopped still lets the JVM exit. */
final class DaemonThreads {

	private DaemonThreads() {
	}

	static ExecutorService single(String name) {
		return Executors.newSingleThreadExecutor(factory(name));
	}

	static ScheduledExecutorService scheduled(String name) {
		return Executors.newSingleThreadScheduledExecutor(factory(name));
	}

	/** Waits a few seconds for the tasks already queued. */
	static void await(ExecutorService executor) {
		try {
			executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ThreadFactory factory(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
