package dev.wsboot.benchmarks.client;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the soak's clients saw. Written by the load's thread; the gauges ({@link #open()} and
 * the message counts) are read by the sampler while it runs, the rest after it ends.
 */
public final class SoakTally {

	/** Connections whose upgrade completed, by role. */
	final long[] opened = new long[SoakRole.values().length];

	volatile int open;

	long failedToOpen;

	volatile long sent;

	volatile long received;

	long lost;

	long duplicated;

	long reordered;

	/** Messages whose header, filler, kind or sender was wrong, or that came fragmented. */
	long corrupted;

	long closedNormally;

	/** Readers that did not get all their own messages back within the drain time before leaving. */
	long leftWithMessagesOutstanding;

	/** Close handshakes the server did not finish in time (no close reply or no end of stream). */
	long closeIncomplete;

	/** Close codes the server sent to clients that did not ask for one (readers only). */
	final Map<Integer, Long> unexpectedCloses = new TreeMap<>();

	/** Readers whose connection ended without a close frame, or failed. */
	final Map<String, Long> unexpectedEnds = new TreeMap<>();

	long slowClosed1008;

	long slowClosedOther;

	/** Slow readers drained before the server judged them slow (the load was not enough). */
	long slowNotClosed;

	/** Slow readers whose stream ended without the close frame. */
	long slowEndedWithoutClose;

	long silentReaped;

	long silentNotReaped;

	/** Silent clients still within their check time when the soak ended. */
	long silentUnchecked;

	public int open() {
		return this.open;
	}

	public long opened(SoakRole role) {
		return this.opened[role.ordinal()];
	}

	public long failedToOpen() {
		return this.failedToOpen;
	}

	public long sent() {
		return this.sent;
	}

	public long received() {
		return this.received;
	}

	public long lost() {
		return this.lost;
	}

	public long duplicated() {
		return this.duplicated;
	}

	public long reordered() {
		return this.reordered;
	}

	public long corrupted() {
		return this.corrupted;
	}

	public long closedNormally() {
		return this.closedNormally;
	}

	public long leftWithMessagesOutstanding() {
		return this.leftWithMessagesOutstanding;
	}

	public long closeIncomplete() {
		return this.closeIncomplete;
	}

	public Map<Integer, Long> unexpectedCloses() {
		return this.unexpectedCloses;
	}

	public Map<String, Long> unexpectedEnds() {
		return this.unexpectedEnds;
	}

	public long slowClosed1008() {
		return this.slowClosed1008;
	}

	public long slowClosedOther() {
		return this.slowClosedOther;
	}

	public long slowNotClosed() {
		return this.slowNotClosed;
	}

	public long slowEndedWithoutClose() {
		return this.slowEndedWithoutClose;
	}

	public long silentReaped() {
		return this.silentReaped;
	}

	public long silentNotReaped() {
		return this.silentNotReaped;
	}

	public long silentUnchecked() {
		return this.silentUnchecked;
	}

	void unexpectedEnd(String what) {
		this.unexpectedEnds.merge(what, 1L, Long::sum);
	}

}
