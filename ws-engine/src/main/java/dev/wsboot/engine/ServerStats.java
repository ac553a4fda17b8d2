package dev.wsboot.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide counters: refused handshakes by reason and clients closed for being too slow.
 */
public final class ServerStats {

	private final LongAdder[] rejected = new LongAdder[HandshakeRejection.values().length];

	private final LongAdder slowClientsClosed = new LongAdder();

	ServerStats() {
		for (int i = 0; i < this.rejected.length; i++) {
			this.rejected[i] = new LongAdder();
		}
	}

	public long handshakesRejected(HandshakeRejection reason) {
		return this.rejected[reason.ordinal()].sum();
	}

	public long slowClientsClosed() {
		return this.slowClientsClosed.sum();
	}

	void rejected(HandshakeRejection reason) {
		this.rejected[reason.ordinal()].increment();
	}

	void slowClientClosed() {
		this.slowClientsClosed.increment();
	}

}
