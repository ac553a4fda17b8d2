package dev.wsboot.benchmarks.servers;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * TooTallNate's Java-WebSocket 1.6.0 with its default decoder threads. TCP_NODELAY is switched on,
 * as every other peer has it; permessage-deflate accepted when offered (its extension with
 * defaults). Argument: port.
 */
public final class JavaWebSocketPeer extends WebSocketServer {

	private final Set<WebSocket> subscribers = ConcurrentHashMap.newKeySet();

	private JavaWebSocketPeer(int port) {
		super(new InetSocketAddress("127.0.0.1", port), List.of(new Draft_6455(new PerMessageDeflateExtension())));
		setTcpNoDelay(true);
		setReuseAddr(true);
		setConnectionLostTimeout(0);
	}

	public static void main(String[] args) {
		new JavaWebSocketPeer(Integer.parseInt(args[0])).start();
	}

	@Override
	public void onOpen(WebSocket conn, ClientHandshake handshake) {
		if ("/broadcast".equals(conn.getResourceDescriptor())) {
			this.subscribers.add(conn);
		}
	}

	@Override
	public void onClose(WebSocket conn, int code, String reason, boolean remote) {
		this.subscribers.remove(conn);
	}

	@Override
	public void onMessage(WebSocket conn, String message) {
		if ("/broadcast".equals(conn.getResourceDescriptor())) {
			broadcast(message, this.subscribers);
		}
		else {
			conn.send(message);
		}
	}

	@Override
	public void onMessage(WebSocket conn, ByteBuffer message) {
		conn.send(message);
	}

	@Override
	public void onError(WebSocket conn, Exception ex) {
		if (conn == null) {
			ex.printStackTrace();
		}
	}

	@Override
	public void onStart() {
		System.out.println("READY " + getPort());
	}

}
