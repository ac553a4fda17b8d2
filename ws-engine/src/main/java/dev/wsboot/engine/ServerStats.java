package dev.wsboot.engine;

/**
 * Server-wide counters: rejected handshakes by reason and clients closed for being too slow.
 */
public interface ServerStats {

	long handshakesRejected(HandshakeRejection reason);

	long slowClientsClosed();

}
