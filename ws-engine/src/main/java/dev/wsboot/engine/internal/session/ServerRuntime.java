package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.WsServerConfig;

import java.util.concurrent.Executor;

import dev.wsboot.engine.internal.protocol.ZlibPool;

/**
 * What every connection of a running server shares, including the pool of zlib codecs lent to
 * compressed connections.
 */
record ServerRuntime(WsServerConfig config, HandshakeProcessor handshakes, SessionRegistry sessions,
		ServerCounters stats, Executor handlerExecutor, ZlibPool zlib) {
}
