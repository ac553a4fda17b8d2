package dev.wsboot.engine.internal.protocol;

/**
 * A violation of RFC 6455 by the peer, carrying the close code the connection must be failed with
 * (§7.1.7). It has no stack trace: it is thrown for bad input, which is expected and frequent, and
 * the code and reason say everything needed.
 */
public final class WsProtocolException extends RuntimeException {

	private final int closeCode;

	private final boolean inCloseFrame;

	public WsProtocolException(int closeCode, String reason) {
		this(closeCode, reason, false);
	}

	/**
	 * @param inCloseFrame whether the violation is in the peer's close frame, after which the peer
	 * sends nothing more (RFC 6455 §5.5.1)
	 */
	public WsProtocolException(int closeCode, String reason, boolean inCloseFrame) {
		super(reason, null, false, false);
		this.closeCode = closeCode;
		this.inCloseFrame = inCloseFrame;
	}

	public int closeCode() {
		return this.closeCode;
	}

	/** Whether the violation is in the peer's close frame: the peer has finished sending. */
	public boolean inCloseFrame() {
		return this.inCloseFrame;
	}

}
