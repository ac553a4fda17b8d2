package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.HandshakeRejection;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.internal.protocol.HandshakeException;

/** What the {@link HandshakeProcessor} decided about one upgrade request. */
sealed interface HandshakeDecision {

	/**
	 * Upgrade: answer 101 and open a session. A connection slot is reserved for it, which the
	 * connection gives back when it closes.
	 * @param key the client's Sec-WebSocket-Key
	 */
	record Accept(HandshakeContext handshake, String key, WsEndpoint endpoint, PathCounters stats)
			implements HandshakeDecision {
	}

	/** Answer with an HTTP error status and close; counted under the reason. */
	record Reject(HandshakeException answer, HandshakeRejection reason) implements HandshakeDecision {

		Reject(int status, String message, HandshakeRejection reason) {
			this(new HandshakeException(status, message), reason);
		}

	}

}
