package dev.wsboot.benchmarks.client;

import java.util.HashSet;
import java.util.Set;

/**
 * The sequence numbers one receiver has seen from one sender. A number above the next expected
 * leaves the skipped ones missing; a missing one that comes later was reordered; one that comes
 * again, or below the start, is a duplicate. Load thread only.
 */
final class Sequence {

	/** Gaps wider than this are counted lost at once rather than remembered one by one. */
	private static final int MAX_REMEMBERED_GAP = 10_000;

	private final SoakTally tally;

	private long next;

	private boolean started;

	private long lostInGaps;

	/** Numbers skipped over that may still come; null while there are none. */
	private Set<Long> missing;

	/**
	 * @param fromZero whether the receiver must see every number from 0 (its own echoes, its own
	 * broadcasts); otherwise the first number it sees is where it starts
	 */
	Sequence(SoakTally tally, boolean fromZero) {
		this.tally = tally;
		this.started = fromZero;
	}

	void accept(long seq) {
		this.tally.received++;
		if (!this.started) {
			this.started = true;
			this.next = seq + 1;
			return;
		}
		if (seq == this.next) {
			this.next++;
			return;
		}
		if (seq > this.next) {
			if (seq - this.next > MAX_REMEMBERED_GAP) {
				this.lostInGaps += seq - this.next;
			}
			else {
				if (this.missing == null) {
					this.missing = new HashSet<>();
				}
				for (long s = this.next; s < seq; s++) {
					this.missing.add(s);
				}
			}
			this.next = seq + 1;
			return;
		}
		if (this.missing != null && this.missing.remove(seq)) {
			this.tally.reordered++;
		}
		else {
			this.tally.duplicated++;
		}
	}

	/** Numbers received so far of {@code 0 .. sent-1}, for a sender that waits for its own. */
	long nextExpected() {
		return this.next;
	}

	/**
	 * Counts what never came: the gaps left, and for a from-zero sequence whose sender sent
	 * {@code sent} messages, those after the last one received.
	 * @param sent how many the sender sent, or -1 when the receiver cannot know (another sender)
	 */
	void finish(long sent) {
		long lost = this.lostInGaps + ((this.missing != null) ? this.missing.size() : 0);
		if (sent >= 0 && sent > this.next) {
			lost += sent - this.next;
		}
		this.tally.lost += lost;
		this.lostInGaps = 0;
		this.missing = null;
	}

}
