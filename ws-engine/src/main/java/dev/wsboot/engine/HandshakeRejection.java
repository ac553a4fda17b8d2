package dev.wsboot.engine;

/**
 * Why an upgrade request was rejected, in a few bounded classes fit for metric tags.
 */
public enum HandshakeRejection {

	/** Malformed request, wrong method, missing or bad header: 400, 405. */
	BAD_REQUEST,

	/** The Origin is not allowed: 403. */
	ORIGIN,

	/** No endpoint at the path: 404. */
	NOT_FOUND,

	/** Not a WebSocket request, or a WebSocket version other than 13: 426. */
	VERSION,

	/** The request head is over the size limit: 431. */
	TOO_LARGE,

	/** Over the connection limit: 503. */
	TOO_MANY_CONNECTIONS,

	/** The server is stopping and takes no new sessions: 503. */
	SHUTTING_DOWN,

	/** Over the limit of connections from one remote address: 429. */
	TOO_MANY_FROM_ADDRESS,

	/**
	 * Dropped without an answer while its upgrade was still pending, the oldest when more upgrades
	 * were pending than allowed.
	 */
	PENDING_LIMIT,

	/** An interceptor rejected it. */
	INTERCEPTOR,

	/** The request did not arrive within the handshake timeout. */
	TIMEOUT,

	/**
	 * The TLS handshake failed (plain HTTP or garbage on a TLS port, a client that does not trust
	 * the certificate, no common protocol), the client left during it, or it did not finish within
	 * the handshake timeout. A client that connects and leaves without sending a byte (a TCP health
	 * probe) is not counted.
	 */
	TLS;

	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
