package dev.wsboot.benchmarks.servers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import dev.wsboot.engine.EchoHandler;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsSession;

/**
 * The wsboot engine alone: {@code /echo} sends every message back, {@code /broadcast} sends it to
 * every session of {@code /broadcast} through {@link WsServer#broadcast}, which encodes once.
 * Arguments: port, then {@code io} or {@code executor} for the handler execution mode.
 */
public final class WsbootPeer {

	private WsbootPeer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		WsServerConfig.HandlerExecution mode = "io".equals(args[1]) ? WsServerConfig.HandlerExecution.IO_THREAD
				: WsServerConfig.HandlerExecution.EXECUTOR;
		AtomicReference<WsServer> self = new AtomicReference<>();
		WsServerConfig config = WsServerConfig.builder()
			.network((network) -> network.host("127.0.0.1").port(port))
			.handlers((handlers) -> handlers.execution(mode))
			// Room for the large-message and idle scenarios; everything else stays at the defaults.
			.limits((limits) -> limits.maxMessageSize(16 * 1024 * 1024)
				.maxFrameSize(16 * 1024 * 1024)
				.maxOutboundQueueSize(64L * 1024 * 1024)
				.maxInboundQueueSize(64L * 1024 * 1024)
				.maxConnections(50_000))
			// Accepted only when a client offers it: the compressed echo scenario.
			.compression((compression) -> compression.enabled(true))
			.build();
		WsServer server = WsServer.builder()
			.config(config)
			.endpoint("/echo", new EchoHandler())
			.endpoint("/broadcast", new WsHandler() {
				@Override
				public void onText(WsSession session, String text) {
					WsServer server = self.get();
					server.broadcast(server.sessions("/broadcast"), text);
				}

				@Override
				public void onBinary(WsSession session, byte[] data) {
					WsServer server = self.get();
					server.broadcast(server.sessions("/broadcast"), data);
				}
			})
			.build();
		self.set(server);
		server.start();
		System.out.println("READY " + server.port());
		new CountDownLatch(1).await();
	}

}
