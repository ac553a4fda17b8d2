package dev.wsboot.engine.internal.protocol;

/**
 * Receives complete messages and control frames from a {@link MessageAssembler}.
 */
public interface MessageListener {

	/** @param size the message's length in UTF-8 bytes, as it came on the wire (uncompressed) */
	void onText(String text, int size);

	void onBinary(byte[] data);

	void onPing(byte[] payload);

	void onPong(byte[] payload);

	/**
	 * A valid close frame arrived.
	 * @param code the status code, or {@link CloseStatus#NO_STATUS} if the frame had none
	 * @param reason the reason, empty if none
	 */
	void onClose(int code, String reason);

}
