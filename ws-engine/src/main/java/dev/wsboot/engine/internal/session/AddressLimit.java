package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per remote address, under a limit. An address holds an entry only while it has
 * connections, so the map never outgrows the connections themselves. Thread-safe.
 */
final class AddressLimit {

	private final int limit;

	private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

	/** @param limit connections allowed per address; 0 for no limit */
	AddressLimit(int limit) {
		this.limit = limit;
	}

	/** Counts one more connection from the address, if it is under the limit. */
	boolean tryAcquire(@Nullable InetAddress address) {
		if (this.limit == 0 || address == null) {
			return true;
		}
		boolean[] acquired = new boolean[1];
		this.open.compute(address, (key, count) -> {
			int current = (count != null) ? count : 0;
			acquired[0] = current < this.limit;
			return acquired[0] ? current + 1 : count;
		});
		return acquired[0];
	}

	void release(@Nullable InetAddress address) {
		if (this.limit == 0 || address == null) {
			return;
		}
		this.open.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
	}

}
