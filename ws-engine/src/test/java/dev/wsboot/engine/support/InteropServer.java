package dev.wsboot.engine.support;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.EchoHandler;
import dev.wsboot.engine.TlsSettings;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsSession;

/**
 * The server interop tests talk to: echo on "/", and on "/close" a handler that closes the session
 * with the code and reason of the text it receives ("4001 bye"). Every session's close status is
 * recorded by the "tag" query parameter of its URI, so a test checks what the server saw of its
 * own client, not of one a previous test left closing.
 */
public final class InteropServer implements AutoCloseable {

	private final WsServer server;

	private final ConcurrentHashMap<String, CompletableFuture<CloseStatus>> serverCloses = new ConcurrentHashMap<>();

	private final AtomicInteger tags = new AtomicInteger();

	public InteropServer(WsServerConfig config) throws IOException {
		this(config, null);
	}

	/** A server on wss:// when {@code tls} is given. */
	public InteropServer(WsServerConfig config, TlsSettings tls) throws IOException {
		WsHandler echo = new EchoHandler() {
			@Override
			public void onClose(WsSession session, CloseStatus status) {
				InteropServer.this.closed(session, status);
			}
		};
		WsHandler closer = new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				String[] codeAndReason = text.split(" ", 2);
				session.close(Integer.parseInt(codeAndReason[0]), codeAndReason[1]);
			}

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				InteropServer.this.closed(session, status);
			}
		};
		this.server = TestServers.start(WsServer.builder().config(config).tls(tls).endpoint("/", echo).endpoint("/close", closer));
	}

	public InteropServer() throws IOException {
		this(TestServers.config().build());
	}

	public WsServer server() {
		return this.server;
	}

	public int port() {
		return this.server.port();
	}

	private void closed(WsSession session, CloseStatus status) {
		this.serverCloses.computeIfAbsent(session.queryParameters().get("tag").get(0), (tag) -> new CompletableFuture<>())
			.complete(status);
	}

	/** A URI on the path with a new tag. */
	public URI uri(String path) {
		return URI.create((this.server.isSecure() ? "wss" : "ws") + "://127.0.0.1:" + port() + path + "?tag=" + this.tags.incrementAndGet());
	}

	/** The close status the server's handler saw for the client that connected to this URI. */
	public CloseStatus serverClose(URI uri) throws Exception {
		String tag = uri.getQuery().substring("tag=".length());
		return this.serverCloses.computeIfAbsent(tag, (key) -> new CompletableFuture<>()).get(5, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		this.server.stop(Duration.ofSeconds(1));
	}

}
