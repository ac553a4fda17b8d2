package dev.wsboot.benchmarks.servers;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12 core server with the Jetty WebSocket API (no servlets), default thread pool.
 * Argument: port.
 */
public final class JettyPeer {

	private static final Set<Session> SUBSCRIBERS = ConcurrentHashMap.newKeySet();

	private JettyPeer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Server server = new Server();
		ServerConnector connector = new ServerConnector(server);
		connector.setHost("127.0.0.1");
		connector.setPort(port);
		connector.setAcceptQueueSize(4096);
		connector.setIdleTimeout(600_000);
		server.addConnector(connector);
		ContextHandler context = new ContextHandler("/");
		WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, (container) -> {
			container.setMaxTextMessageSize(16 * 1024 * 1024);
			container.setMaxBinaryMessageSize(16 * 1024 * 1024);
			container.setIdleTimeout(Duration.ofMinutes(10));
			container.addMapping("/echo", (request, response, callback) -> new Echo());
			container.addMapping("/broadcast", (request, response, callback) -> new Broadcast());
		});
		context.setHandler(upgrade);
		server.setHandler(context);
		server.start();
		System.out.println("READY " + port);
		server.join();
	}

	/** Public: Jetty binds the listener methods through method handles. */
	public static class Echo extends Session.Listener.AbstractAutoDemanding {

		@Override
		public void onWebSocketText(String message) {
			getSession().sendText(message, Callback.NOOP);
		}

		@Override
		public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
			// The payload stays valid until the callback completes: complete it when the echo is written.
			getSession().sendBinary(payload, callback);
		}

	}

	public static final class Broadcast extends Session.Listener.AbstractAutoDemanding {

		@Override
		public void onWebSocketOpen(Session session) {
			super.onWebSocketOpen(session);
			SUBSCRIBERS.add(session);
		}

		@Override
		public void onWebSocketClose(int statusCode, String reason) {
			SUBSCRIBERS.remove(getSession());
		}

		@Override
		public void onWebSocketError(Throwable cause) {
			SUBSCRIBERS.remove(getSession());
		}

		@Override
		public void onWebSocketText(String message) {
			for (Session session : SUBSCRIBERS) {
				session.sendText(message, Callback.NOOP);
			}
		}

	}

}
