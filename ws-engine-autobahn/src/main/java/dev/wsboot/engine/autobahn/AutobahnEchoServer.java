package dev.wsboot.engine.autobahn;

import java.io.IOException;

import dev.wsboot.engine.EchoHandler;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;

/**
 * The server the Autobahn|Testsuite fuzzing client tests: an echo on "/", text as text and binary
 * as binary. The autobahntestsuite Maven plugin calls {@link #main(String[])} inside the Maven JVM
 * with a free port and expects it to return with the server running.
 */
public final class AutobahnEchoServer {

	/** Case 9.x sends messages and frames of up to 16 MiB; leave room above that. */
	private static final int MAX_PAYLOAD = 64 * 1024 * 1024;

	private static final long MAX_QUEUE = 128L * 1024 * 1024;

	private AutobahnEchoServer() {
	}

	/**
	 * Starts the echo server and returns, leaving it running until the JVM exits.
	 * @param args the port as the only argument
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			throw new IllegalArgumentException("Expected the port as the only argument");
		}
		WsServerConfig config = WsServerConfig.builder()
			// The plugin connects to InetAddress.getLocalHost(), which is loopback on our machines;
			// binding loopback keeps the fuzzed server off every other interface.
			.network((network) -> network.host("127.0.0.1").port(Integer.parseInt(args[0])))
			.limits((limits) -> limits.maxMessageSize(MAX_PAYLOAD)
				.maxFrameSize(MAX_PAYLOAD)
				.maxOutboundQueueSize(MAX_QUEUE)
				.maxInboundQueueSize(MAX_QUEUE))
			// Cases 12.x and 13.x test permessage-deflate (RFC 7692) with every parameter offer;
			// with context takeover allowed, the server keeps whatever context the offer lets it.
			.compression((compression) -> compression.enabled(true).contextTakeover(true))
			.build();
		WsServer.builder().config(config).endpoint("/", new EchoHandler()).build().start();
	}

}
