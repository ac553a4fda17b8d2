package dev.wsboot.engine.protocol;

/**
 * A violation of RFC 6455 by the peer, carrying the close code the connection must be failed with
 * (§7.1.7). It has no stack trace: it is thrown for bad input, which is expected and frequent, and
 * the code and reason say everything needed.
 */
public final class WsProtocolException extends RuntimeException {

	private final int closeCode;

	public WsProtocolException(int closeCode, String reason) {
		super(reason, null, false, false);
		this.closeCode = closeCode;
	}

	public int closeCode() {
		return this.closeCode;
	}

}
