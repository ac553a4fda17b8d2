package dev.wsboot.engine.internal.protocol;

import dev.wsboot.engine.WsText;

/**
 * Receives complete messages and control frames from a {@link MessageAssembler}.
 */
public interface MessageListener {

	/**
	 * A complete, validated text message; its byte length is its size as it came on the wire
	 * (uncompressed).
	 */
	void onText(WsText text);

	/**
	 * A complete, validated text message, decoded: delivered instead of {@link #onText(WsText)}
	 * when the assembler was asked to decode. The default encodes it again.
	 * @param size the message's length in UTF-8 bytes, as it came on the wire (uncompressed)
	 */
	default void onText(String text, int size) {
		onText(WsText.of(text));
	}

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
