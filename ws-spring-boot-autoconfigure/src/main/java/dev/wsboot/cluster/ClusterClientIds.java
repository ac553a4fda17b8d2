package dev.wsboot.cluster;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Client ids that are unique in the cluster without asking anyone: the node's number in the high
 * bits, a counter in the low 32. Node numbers are never reused, so neither are ids. Every id stays
 * below 2^53, so a JavaScript client reads it exactly ({@code Number.MAX_SAFE_INTEGER}).
 */
public final class ClusterClientIds implements LongSupplier {

	static final int SEQUENCE_BITS = 32;

	/** 2^53 = 2^21 node numbers × 2^32 ids each. */
	public static final int MAX_NODE_NUMBER = (1 << (53 - SEQUENCE_BITS)) - 1;

	private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

	private final long base;

	private final AtomicLong sequence = new AtomicLong();

	/**
	 * @throws IllegalArgumentException if the node number does not fit the ids' high bits
	 */
	public ClusterClientIds(int nodeNumber) {
		if (nodeNumber < 1 || nodeNumber > MAX_NODE_NUMBER) {
			throw new IllegalArgumentException("Node number " + nodeNumber + " is outside 1.." + MAX_NODE_NUMBER);
		}
		this.base = (long) nodeNumber << SEQUENCE_BITS;
	}

	/** The node that issued an id; 0 for an id no cluster node issued. */
	public static int nodeOf(long clientId) {
		return (int) (clientId >>> SEQUENCE_BITS);
	}

	/**
	 * @throws IllegalStateException once the node has issued 2^32 - 1 ids (restart it for a new number)
	 */
	@Override
	public long getAsLong() {
		long next = this.sequence.incrementAndGet();
		if (next > MAX_SEQUENCE) {
			throw new IllegalStateException("This node has issued all 2^32 - 1 client ids of its node number; "
					+ "restart it to take a new one");
		}
		return this.base | next;
	}

}
