package dev.wsboot.engine.internal.protocol;

import java.util.Map;

/**
 * An upgrade request that must be rejected with an HTTP status instead of a 101 (RFC 6455 §4.2.1,
 * §4.2.2). Stackless: it describes bad input, not a bug.
 */
public final class HandshakeException extends RuntimeException {

	private final int status;

	private final Map<String, String> headers;

	public HandshakeException(int status, String reason) {
		this(status, reason, Map.of());
	}

	public HandshakeException(int status, String reason, Map<String, String> headers) {
		super(reason, null, false, false);
		this.status = status;
		this.headers = headers;
	}

	public int status() {
		return this.status;
	}

	/** Extra response header fields, such as {@code Sec-WebSocket-Version} on a 426. */
	public Map<String, String> headers() {
		return this.headers;
	}

}
