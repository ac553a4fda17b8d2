package dev.wsboot.engine;

import java.io.IOException;
import java.time.Duration;

/**
 * An echo server on "/" for conformance runs: the Autobahn|Testsuite's fuzzing client calls
 * {@link #main(String[])} with the port, and tests start it on a free port.
 */
public final class EchoServer {

	private EchoServer() {
	}

	/** Echoes every message back, text as text and binary as binary. */
	public static WsHandler echo() {
		return new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				session.sendText(text);
			}

			@Override
			public void onBinary(WsSession session, byte[] data) {
				session.sendBinary(data);
			}
		};
	}

	/** Starts an echo server with limits that fit the Autobahn|Testsuite's largest cases. */
	public static WsServer start(int port, WsServerConfig.HandlerExecution execution) throws IOException {
		WsServerConfig config = WsServerConfig.builder()
			.port(port)
			.host("127.0.0.1")
			.maxMessageSize(64 * 1024 * 1024)
			.maxFrameSize(64 * 1024 * 1024)
			.maxOutboundQueueSize(128 * 1024 * 1024)
			.maxInboundQueueSize(128 * 1024 * 1024)
			.handlerExecution(execution)
			.closeTimeout(Duration.ofSeconds(2))
			.build();
		WsServer server = WsServer.builder().config(config).endpoint("/", echo()).build();
		server.start();
		return server;
	}

	/** Starts the server and returns, leaving it running: what the Autobahn Maven plugin expects. */
	public static void main(String[] args) throws IOException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 9001;
		start(port, WsServerConfig.HandlerExecution.EXECUTOR);
	}

}
