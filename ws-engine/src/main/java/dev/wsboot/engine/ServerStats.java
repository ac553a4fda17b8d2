package dev.wsboot.engine;

/**
 * Server-wide counters: rejected handshakes by reason, clients closed for being too slow, and the
 * upgrades in progress.
 */
public interface ServerStats {

	long handshakesRejected(HandshakeRejection reason);

	long slowClientsClosed();

	/** Connections whose upgrade is still in progress, now. */
	int pendingHandshakes();

}
