package dev.wsboot.engine.internal.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;

/**
 * Creates the {@link Transport} of each accepted socket, on the loop that will serve it. One
 * factory per server: every connection of a server is plain, or every one is TLS. Internal API.
 */
@FunctionalInterface
public interface TransportFactory {

	/** Plain TCP: the socket's bytes are the WebSocket's bytes. */
	TransportFactory PLAIN = (channel, loop) -> new PlainTransport(channel);

	/**
	 * TLS: each connection gets a server-mode engine from the supplier when it is accepted, so new
	 * settings (a renewed certificate) reach new connections without a restart.
	 */
	static TransportFactory tls(Supplier<SSLEngine> engines) {
		return (channel, loop) -> new TlsTransport(channel, loop, engines.get());
	}

	Transport create(SocketChannel channel, IoLoop loop) throws IOException;

}
