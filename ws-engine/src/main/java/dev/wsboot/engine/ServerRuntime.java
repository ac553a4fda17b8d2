package dev.wsboot.engine;

import java.util.concurrent.Executor;

import dev.wsboot.engine.protocol.ZlibPool;

/**
 * What every connection of a running server shares, including the pool of zlib codecs lent to
 * compressed connections.
 */
record ServerRuntime(WsServerConfig config, HandshakeProcessor handshakes, SessionRegistry sessions,
		ServerStats stats, Executor handlerExecutor, ZlibPool zlib) {

	boolean handlersOnIoThread() {
		return this.config.handlerExecution() == WsServerConfig.HandlerExecution.IO_THREAD;
	}

}
