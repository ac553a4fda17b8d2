package dev.wsboot.engine.internal.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one I/O thread that are still in the upgrade, oldest first, under a limit
 * shared by all I/O threads. Past the limit the oldest pending upgrade on the newcomer's thread is
 * dropped, not the newcomer: a client that trickles its request (slowloris) ages while a real
 * client's upgrade completes in a round trip, so real clients get in however many sockets an
 * attacker holds. An intrusive list, so joining and leaving cost O(1); I/O thread only, except the
 * shared count.
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

	private Entry oldest;

	private Entry newest;

	/**
	 * @param pending the count shared by every I/O thread's list
	 * @param limit how many upgrades may be pending at once, server-wide
	 */
	PendingHandshakes(AtomicInteger pending, int limit) {
		this.pending = pending;
		this.limit = limit;
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
		if (this.pending.incrementAndGet() > this.limit && this.oldest != entry) {
			return this.oldest.handler;
		}
		return null;
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
