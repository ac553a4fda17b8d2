package dev.wsboot.engine.internal.execution;

import org.jspecify.annotations.Nullable;

/**
 * The parked workers of a {@link HandlerPool}, last parked on top. An array under a lock rather
 * than a lock-free list: workers park and wake again and again, so list nodes would be allocated
 * at every park and a lock-free stack of reused nodes would suffer ABA; pushes and pops happen once
 * per burst of work, not per task, so the lock is rarely contended.
 */
final class ParkedWorkers {

	private final HandlerPool.Worker[] workers;

	private int size;

	ParkedWorkers(int capacity) {
		this.workers = new HandlerPool.Worker[capacity];
	}

	synchronized void push(HandlerPool.Worker worker) {
		this.workers[this.size++] = worker;
	}

	synchronized HandlerPool.@Nullable Worker pop() {
		if (this.size == 0) {
			return null;
		}
		HandlerPool.Worker worker = this.workers[--this.size];
		this.workers[this.size] = null;
		return worker;
	}

}
