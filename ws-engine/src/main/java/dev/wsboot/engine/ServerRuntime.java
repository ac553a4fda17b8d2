package dev.wsboot.engine;

import java.util.concurrent.Executor;

/**
 * What every connection of a running server shares.
 */
record ServerRuntime(WsServerConfig config, HandshakeProcessor handshakes, SessionRegistry sessions,
		ServerStats stats, Executor handlerExecutor) {

	boolean handlersOnIoThread() {
		return this.config.handlerExecution() == WsServerConfig.HandlerExecution.IO_THREAD;
	}

}
