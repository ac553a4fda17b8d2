package dev.wsboot.engine;

/**
 * Sends every message back to its sender as it came: text as text (its bytes, never decoded),
 * binary as binary. For
 * conformance suites, load tests and connectivity checks; extend it to observe sessions.
 */
public class EchoHandler implements WsHandler {

	@Override
	public void onText(WsSession session, WsText text) {
		// The bytes as they came: an echo never decodes the text.
		session.sendText(text);
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		// The engine made the array for this message alone: echoed where it lies, not copied.
		session.sendBinaryWithoutCopy(data);
	}

}
