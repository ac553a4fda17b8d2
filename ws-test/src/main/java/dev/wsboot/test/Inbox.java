package dev.wsboot.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The messages a {@link WsTestConnection} received: every one in order, and those no expectation
 * took yet, as a mailbox. The JDK's thread adds, the test's thread waits and takes.
 */
final class Inbox {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition arrived = this.lock.newCondition();

	/** Every message received, in order; guarded by {@link #lock}. */
	private final List<Object> received = new ArrayList<>();

	/** Messages not taken yet, in order; guarded by {@link #lock}. */
	private final LinkedList<Object> pending = new LinkedList<>();

	void add(Object message) {
		this.lock.lock();
		try {
			this.received.add(message);
			this.pending.add(message);
			this.arrived.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	List<Object> received() {
		this.lock.lock();
		try {
			return List.copyOf(this.received);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Removes and returns the first pending message that matches, waiting for one up to the
	 * timeout; null if none came.
	 */
	Object take(Predicate<Object> matching, Duration timeout) {
		return await(timeout, () -> {
			for (Iterator<Object> messages = this.pending.iterator(); messages.hasNext();) {
				Object message = messages.next();
				if (matching.test(message)) {
					messages.remove();
					return message;
				}
			}
			return null;
		});
	}

	/** The first pending message, without taking it, waiting for one up to the timeout; null if none came. */
	Object peek(Duration timeout) {
		return await(timeout, () -> this.pending.isEmpty() ? null : this.pending.getFirst());
	}

	/** Whether a message that matches was received, taken or not, waiting for one up to the timeout. */
	boolean hasReceived(Predicate<Object> matching, Duration timeout) {
		int[] seen = { 0 };
		return await(timeout, () -> {
			for (; seen[0] < this.received.size(); seen[0]++) {
				if (matching.test(this.received.get(seen[0]))) {
					return Boolean.TRUE;
				}
			}
			return null;
		}) != null;
	}

	/** Looks under the lock until the look finds something or the time is up. */
	private <T> T await(Duration timeout, Look<T> look) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.lock.lock();
		try {
			while (true) {
				T found = look.find();
				long left = deadline - System.nanoTime();
				if (found != null || left <= 0) {
					return found;
				}
				this.arrived.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A message for a test's failure message: text quoted, short binaries as their bytes. */
	static String describe(Object message) {
		if (message instanceof byte[] data) {
			return (data.length <= 32) ? "bytes" + Arrays.toString(data) : "bytes[" + data.length + "]";
		}
		if (message instanceof String text) {
			return "\"" + text + "\"";
		}
		if (message instanceof List<?> messages) {
			return messages.stream().map(Inbox::describe).toList().toString();
		}
		return String.valueOf(message);
	}

	@FunctionalInterface
	private interface Look<T> {

		T find();

	}

}
