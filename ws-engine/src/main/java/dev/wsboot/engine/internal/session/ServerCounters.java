package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.ServerStats;
import dev.wsboot.engine.HandshakeRejection;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide counters: rejected handshakes by reason, clients closed for being too slow, and the
 * upgrades in progress.
 */
final class ServerCounters implements ServerStats {

	private final LongAdder[] rejected = new LongAdder[HandshakeRejection.values().length];

	private final LongAdder slowClientsClosed = new LongAdder();

	/** Shared by the I/O threads' {@link PendingHandshakes}. */
	private final AtomicInteger pendingHandshakes = new AtomicInteger();

	public ServerCounters() {
		for (int i = 0; i < this.rejected.length; i++) {
			this.rejected[i] = new LongAdder();
		}
	}

	@Override
	public long handshakesRejected(HandshakeRejection reason) {
		return this.rejected[reason.ordinal()].sum();
	}

	@Override
	public long slowClientsClosed() {
		return this.slowClientsClosed.sum();
	}

	@Override
	public int pendingHandshakes() {
		return this.pendingHandshakes.get();
	}

	AtomicInteger pendingHandshakeCount() {
		return this.pendingHandshakes;
	}

	public void rejected(HandshakeRejection reason) {
		this.rejected[reason.ordinal()].increment();
	}

	public void slowClientClosed() {
		this.slowClientsClosed.increment();
	}

}
