package dev.wsboot.benchmarks.servers;

import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;

/** {@code /echo} on the wsboot engine: every message back to its sender, as it came (text as its bytes). */
public final class EchoHandler implements WsHandler {

	@Override
	public void onText(WsSession session, WsText text) {
		session.sendText(text);
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		session.sendBinary(data);
	}

}
