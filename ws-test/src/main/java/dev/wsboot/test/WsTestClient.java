package dev.wsboot.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

/**
 * A WebSocket client for tests of wsboot applications, over the JDK's
 * {@link java.net.http.WebSocket} alone: pointed at a server, it opens
 * {@link WsTestConnection}s with fluent expectations.
 *
 * <pre>{@code
 * WsTestClient client = WsTestClient.forPort(port);
 * client.connect("/chat").send("hi").expectText("You said: hi");
 * client.withSubprotocols("v2").withHeader("Authorization", "Bearer x").connect("/api");
 * }</pre>
 *
 * <p>A client is immutable: the {@code with...} methods return a new one that shares the
 * server, the HTTP client and the record of open connections. {@link #close()} closes every
 * connection the client or one derived from it opened. Every wait fails after the timeout, ten
 * seconds unless set, instead of hanging. Thread-safe.
 */
public final class WsTestClient implements AutoCloseable {

	/** How long connects and expectations wait unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<URI> server;

	private final HttpClient http;

	private final Map<String, String> headers;

	private final List<String> subprotocols;

	private final Duration timeout;

	private final Set<WsTestConnection> opened;

	private WsTestClient(Supplier<URI> server, HttpClient http, Map<String, String> headers,
			List<String> subprotocols, Duration timeout, Set<WsTestConnection> opened) {
		this.server = server;
		this.http = http;
		this.headers = Map.copyOf(headers);
		this.subprotocols = List.copyOf(subprotocols);
		this.timeout = timeout;
		this.opened = opened;
	}

	/** A client of {@code ws://127.0.0.1:port}. */
	public static WsTestClient forPort(int port) {
		return forUri(URI.create("ws://127.0.0.1:" + port));
	}

	/** A client of a {@code ws://} or {@code wss://} server URI; paths are appended to it. */
	public static WsTestClient forUri(URI server) {
		return forUri(() -> server);
	}

	/**
	 * A client of a server whose URI is asked for at every connect, for a server that is not
	 * started yet when the client is made (a test's application context, before it bound its port).
	 */
	public static WsTestClient forUri(Supplier<URI> server) {
		return new WsTestClient(server, HttpClient.newHttpClient(), Map.of(), List.of(), DEFAULT_TIMEOUT,
				ConcurrentHashMap.newKeySet());
	}

	/** A client that also sends this header field in its upgrade requests. */
	public WsTestClient withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return withHeaders(headers);
	}

	/** A client that sends these header fields in its upgrade requests, instead of those set before. */
	public WsTestClient withHeaders(Map<String, String> headers) {
		return new WsTestClient(this.server, this.http, headers, this.subprotocols, this.timeout, this.opened);
	}

	/** A client that offers these subprotocols, most preferred first (none when empty). */
	public WsTestClient withSubprotocols(String... subprotocols) {
		return withSubprotocols(List.of(subprotocols));
	}

	public WsTestClient withSubprotocols(List<String> subprotocols) {
		return new WsTestClient(this.server, this.http, this.headers, subprotocols, this.timeout, this.opened);
	}

	/** A client whose connects and whose connections' expectations wait this long. */
	public WsTestClient withTimeout(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout must not be null");
		return new WsTestClient(this.server, this.http, this.headers, this.subprotocols, timeout, this.opened);
	}

	/** A client over this HTTP client, for its SSL context, proxy or executor. */
	public WsTestClient withHttpClient(HttpClient http) {
		return new WsTestClient(this.server, http, this.headers, this.subprotocols, this.timeout, this.opened);
	}

	/** A client of the server's {@code wss://} URI that trusts what the context trusts. */
	public WsTestClient withSslContext(SSLContext trust) {
		Supplier<URI> server = this.server;
		Supplier<URI> secure = () -> {
			URI uri = server.get();
			return "ws".equals(uri.getScheme()) ? URI.create("wss" + uri.toString().substring(2)) : uri;
		};
		return new WsTestClient(secure, HttpClient.newBuilder().sslContext(trust).build(), this.headers,
				this.subprotocols, this.timeout, this.opened);
	}

	/** The URI of a path on the server. */
	public URI uri(String path) {
		String server = this.server.get().toString();
		if (server.endsWith("/") && path.startsWith("/")) {
			server = server.substring(0, server.length() - 1);
		}
		return URI.create(server + path);
	}

	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Connects to a path (with a query, if any) and waits for the handshake.
	 * @throws AssertionError if the server refuses the upgrade or does not answer in time
	 */
	public WsTestConnection connect(String path) {
		try {
			return connectAsync(path).get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("Could not connect to " + path + ": " + refusal(ex.getCause()), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		catch (Exception ex) {
			throw new AssertionError("Could not connect to " + path + " within " + this.timeout, ex);
		}
	}

	/**
	 * Starts connecting, for a test that checks how a connection fails: the future fails as
	 * {@link WebSocket.Builder#buildAsync} does, with the handshake's own exception as its cause.
	 */
	public CompletableFuture<WsTestConnection> connectAsync(String path) {
		WsTestConnection connection = new WsTestConnection(path, this.timeout);
		return builder().buildAsync(uri(path), connection.listener()).thenApply((socket) -> {
			connection.attach(socket);
			this.opened.removeIf(WsTestConnection::isClosed);
			this.opened.add(connection);
			return connection;
		});
	}

	/**
	 * Attempts a connection that the server should refuse.
	 * @return the HTTP status the server answered with
	 * @throws AssertionError if the server accepted it or did not answer with an HTTP status
	 */
	public int refusedStatus(String path) {
		try {
			WsTestConnection accepted = connectAsync(path).get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			accepted.close();
			throw new AssertionError("The server accepted a connection to " + path + " it should have refused");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw new AssertionError("Expected a refused handshake on " + path + ", got " + ex.getCause(),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		catch (Exception ex) {
			throw new AssertionError("No answer to the upgrade of " + path + " within " + this.timeout, ex);
		}
	}

	/** Asserts that the server refuses a connection to the path with this HTTP status. */
	public void expectRefused(String path, int status) {
		int actual = refusedStatus(path);
		if (actual != status) {
			throw new AssertionError("Expected " + path + " to be refused with " + status + ", got " + actual);
		}
	}

	/** Closes every connection this client, or one derived from it, opened and that is still open. */
	@Override
	public void close() {
		for (WsTestConnection connection : this.opened) {
			connection.close();
		}
		this.opened.clear();
	}

	private WebSocket.Builder builder() {
		WebSocket.Builder builder = this.http.newWebSocketBuilder().connectTimeout(this.timeout);
		this.headers.forEach(builder::header);
		if (!this.subprotocols.isEmpty()) {
			builder.subprotocols(this.subprotocols.get(0),
					this.subprotocols.subList(1, this.subprotocols.size()).toArray(String[]::new));
		}
		return builder;
	}

	private static String refusal(Throwable cause) {
		if (cause instanceof WebSocketHandshakeException refused) {
			return "the server answered " + refused.getResponse().statusCode();
		}
		return String.valueOf(cause);
	}

}
