package dev.wsboot.engine.example;

import java.io.IOException;
import java.time.Duration;

import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsSession;

/**
 * The README's engine-only example: an echo server in a plain Java main.
 */
// tag::engine[]
public final class EchoMain {

	public static void main(String[] args) throws IOException {
		WsServer server = start(8085);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(5))));
		System.out.println("Echoing on ws://localhost:" + server.port() + "/echo");
	}

	static WsServer start(int port) throws IOException {
		WsServer server = WsServer.builder()
			.config(WsServerConfig.builder().network((network) -> network.port(port)).build())
			.endpoint("/echo", new WsHandler() {
				@Override
				public void onText(WsSession session, String text) {
					session.sendText(text);
				}

				@Override
				public void onBinary(WsSession session, byte[] data) {
					// The array was made for this message alone: echoed where it lies.
					session.sendBinaryWithoutCopy(data);
				}
			})
			.build();
		server.start();
		return server;
	}

}
// end::engine[]
