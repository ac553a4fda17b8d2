package dev.wsboot.benchmarks.servers;

import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;

/** {@code /echo} on the wsboot engine: every message back to its sender, as it came. */
public final class EchoHandler implements WsHandler {

	@Override
	public void onText(WsSession session, String text) {
		session.sendText(text);
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		session.sendBinary(data);
	}

}
