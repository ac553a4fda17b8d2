package dev.wsboot.lua;

import java.time.Duration;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Serves one endpoint with its script: the handshake calls {@code on_connect(clientId)}, a text
 * message {@code main(clientId, message)}, a binary one {@code on_binary(clientId, data)} (closing
 * with 1003 when the script defines none), the close {@code on_disconnect(clientId)}. The engine
 * delivers each session's events in order; the script's lock serializes sessions against each other.
 */
final class LuaWsHandler implements WsHandler {

	private final LuaScript script;

	/** Sessions whose {@code on_connect} ran and whose {@code on_disconnect} has not ended. */
	private int open;

	LuaWsHandler(LuaScript script) {
		this.script = script;
	}

	@Override
	public void onOpen(WsSession session) {
		synchronized (this) {
			this.open++;
		}
		this.script.call("on_connect", LuaServerFunctions.clientId(session.id()));
	}

	@Override
	public void onText(WsSession session, String text) {
		this.script.call("main", LuaValue.varargsOf(LuaServerFunctions.clientId(session.id()), LuaValue.valueOf(text)));
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		if (!this.script.call("on_binary",
				LuaValue.varargsOf(LuaServerFunctions.clientId(session.id()), LuaString.valueUsing(data)))) {
			session.close(CloseStatus.UNSUPPORTED_DATA, "Binary messages need on_binary in " + this.script.name());
		}
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		try {
			this.script.call("on_disconnect", LuaServerFunctions.clientId(session.id()));
		}
		finally {
			synchronized (this) {
				this.open--;
				notifyAll();
			}
		}
	}

	/**
	 * Waits until every session's {@code on_disconnect} has run, so that {@code on_shutdown} comes
	 * after them; the engine delivers the last ones after its stop returns.
	 * @return whether they all ran in time
	 */
	synchronized boolean awaitNoSessions(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.open > 0) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, left / 1_000_000));
		}
		return true;
	}

}
