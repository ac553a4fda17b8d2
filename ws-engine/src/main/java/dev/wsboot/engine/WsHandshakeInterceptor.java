package dev.wsboot.engine;

/**
 * Decides on upgrade requests before they are answered: checks a token, attaches attributes,
 * picks a subprotocol, or rejects with an HTTP status. Interceptors run in order after the
 * protocol, path and origin checks passed; the first rejection ends the handshake. They run on the
 * handler executor, so they may block (unless handlers run on the I/O threads).
 */
@FunctionalInterface
public interface WsHandshakeInterceptor {

	/**
	 * @throws Exception to reject the upgrade with 500; the exception is logged
	 */
	void beforeHandshake(WsHandshake handshake) throws Exception;

}
