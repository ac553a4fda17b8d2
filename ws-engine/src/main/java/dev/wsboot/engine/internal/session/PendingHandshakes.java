package dev.wsboot.engine.internal.session;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one I/O thread that are still in the upgrade, oldest first, under a limit
 * shared by all I/O threads. Past the limit the oldest pending upgrade on the newcomer's thread is
 * dropped, not the newcomer: a client that trickles its request (slowloris) ages while a real
 * client's upgrade completes in a round trip, so real clients get in however many sockets an
 * attacker holds. When the newcomer's thread holds no older upgrade, the next thread in a ring is
 * asked to drop its oldest instead, so the limit holds server-wide however connections are spread.
 * An intrusive list, so joining and leaving cost O(1); I/O thread only, except the shared count.
 */
final class PendingHandshakes {

	/** One connection's place in the list. */
	static final class Entry {

		private final UpgradeHandler handler;

		private Entry previous;

		private Entry next;

		private boolean listed;

		Entry(UpgradeHandler handler) {
			this.handler = handler;
		}

	}

	private final AtomicInteger pending;

	private final int limit;

	/** Runs tasks on this list's I/O thread. */
	private final Executor thread;

	/** The next I/O thread's list, in a ring over all of them; this list alone when there is one thread. */
	private PendingHandshakes next = this;

	private int ringSize = 1;

	private Entry oldest;

	private Entry newest;

	/**
	 * @param pending the count shared by every I/O thread's list
	 * @param limit how many upgrades may be pending at once, server-wide
	 * @param thread runs tasks on the I/O thread that owns this list
	 */
	PendingHandshakes(AtomicInteger pending, int limit, Executor thread) {
		this.pending = pending;
		this.limit = limit;
		this.thread = thread;
	}

	/** Links the lists of all I/O threads in a ring; before the threads start. */
	static void ring(List<PendingHandshakes> lists) {
		for (int i = 0; i < lists.size(); i++) {
			lists.get(i).next = lists.get((i + 1) % lists.size());
			lists.get(i).ringSize = lists.size();
		}
	}

	/**
	 * Lists a new connection, and drops the oldest pending upgrade of this thread if the server
	 * is over the limit.
	 * @return the handler to drop, or null
	 */
	UpgradeHandler join(Entry entry) {
		entry.listed = true;
		entry.previous = this.newest;
		if (this.newest != null) {
			this.newest.next = entry;
		}
		else {
			this.oldest = entry;
		}
		this.newest = entry;
		if (this.pending.incrementAndGet() > this.limit) {
			if (this.oldest != entry) {
				return this.oldest.handler;
			}
			// Every older upgrade is on another thread, whose list only that thread may touch.
			askNextToDrop(1);
		}
		return null;
	}

	private void askNextToDrop(int hops) {
		PendingHandshakes target = this.next;
		if (target != this) {
			target.thread.execute(() -> target.dropOldest(hops));
		}
	}

	/** On this list's thread: drops its oldest upgrade if the server is still over the limit, or passes the request on. */
	private void dropOldest(int hops) {
		if (this.pending.get() <= this.limit) {
			return;
		}
		if (this.oldest != null) {
			this.oldest.handler.dropForNewcomer();
		}
		else if (hops < this.ringSize - 1) {
			askNextToDrop(hops + 1);
		}
	}

	/** The upgrade ended: accepted, rejected or closed. Safe to call more than once. */
	void leave(Entry entry) {
		if (!entry.listed) {
			return;
		}
		entry.listed = false;
		if (entry.previous != null) {
			entry.previous.next = entry.next;
		}
		else {
			this.oldest = entry.next;
		}
		if (entry.next != null) {
			entry.next.previous = entry.previous;
		}
		else {
			this.newest = entry.previous;
		}
		entry.previous = null;
		entry.next = null;
		this.pending.decrementAndGet();
	}

}
