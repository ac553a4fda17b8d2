package dev.wsboot.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;


/**
 * A WebSocket client for tests of wsboot applications: the JDK's {@link java.net.http.WebSocket}
 * made blocking, with received messages in a queue and the close status as a future. Every wait
 * fails after ten seconds instead of hanging.
 *
 * <pre>{@code
 * try (WsTestClient client = WsTestClient.connect(port, "/chat")) {
 *     client.sendText("hi");
 *     assertThat(client.nextText()).isEqualTo("You said: hi");
 * }
 * }</pre>
 */
public final class WsTestClient implements WebSocket.Listener, AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();

	private final LinkedBlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();

	private final CompletableFuture<Close> closed = new CompletableFuture<>();

	private final StringBuilder text = new StringBuilder();

	private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

	private WebSocket socket;

	private WsTestClient() {
	}

	public static WsTestClient connect(int port, String path) {
		return connect(port, path, Map.of(), List.of());
	}

	/** Connects offering these subprotocols, in this order of preference. */
	public static WsTestClient connect(int port, String path, String... subprotocols) {
		return connect(port, path, Map.of(), List.of(subprotocols));
	}

	public static WsTestClient connect(int port, String path, Map<String, String> headers, List<String> subprotocols) {
		return connect(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + path), headers, subprotocols);
	}

	/** Connects over wss:// with a client trusting what the context trusts. */
	public static WsTestClient connectSecure(int port, String path, javax.net.ssl.SSLContext trust) {
		return connect(HttpClient.newBuilder().sslContext(trust).build(), URI.create("wss://127.0.0.1:" + port + path),
				Map.of(), List.of());
	}

	/** Connects with this HTTP client (its SSL context, for wss://) to a full ws:// or wss:// URI. */
	public static WsTestClient connect(HttpClient http, URI uri) {
		return connect(http, uri, Map.of(), List.of());
	}

	/**
	 * Starts connecting, for a test that checks how a connection fails: the future fails as
	 * {@link WebSocket.Builder#buildAsync} does, with the handshake's own exception as its cause.
	 */
	public static CompletableFuture<WsTestClient> connectAsync(HttpClient http, URI uri) {
		return connectAsync(http, uri, Map.of(), List.of());
	}

	private static WsTestClient connect(HttpClient http, URI uri, Map<String, String> headers, List<String> subprotocols) {
		try {
			return connectAsync(http, uri, headers, subprotocols).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not connect to " + uri.getPath(), ex);
		}
	}

	private static CompletableFuture<WsTestClient> connectAsync(HttpClient http, URI uri, Map<String, String> headers,
			List<String> subprotocols) {
		WsTestClient client = new WsTestClient();
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
		headers.forEach(builder::header);
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
		}
		return builder.buildAsync(uri, client).thenApply((socket) -> {
			client.socket = socket;
			return client;
		});
	}

	/**
	 * Attempts a connection that the server should refuse.
	 * @return the HTTP status the server answered with
	 */
	public static int refusedStatus(int port, String path, String... subprotocols) {
		return refusedStatus(port, path, Map.of(), List.of(subprotocols));
	}

	/**
	 * Attempts a connection that the server should refuse.
	 * @return the HTTP status the server answered with
	 */
	public static int refusedStatus(int port, String path, Map<String, String> headers, List<String> subprotocols) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
		headers.forEach(builder::header);
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
		}
		try {
			WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WsTestClient())
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			socket.abort();
			throw new AssertionError("The server accepted a connection it should have refused");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw new AssertionError("Expected a refused handshake, got " + ex.getCause(), ex.getCause());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	/**
	 * The JDK's WebSocket under this client, for what the blocking methods do not cover: fragments,
	 * pings, a close with a chosen code, an abort.
	 */
	public WebSocket webSocket() {
		return this.socket;
	}

	public String subprotocol() {
		return this.socket.getSubprotocol();
	}

	public WsTestClient sendText(String text) {
		this.socket.sendText(text, true).join();
		return this;
	}

	public WsTestClient sendBinary(byte[] data) {
		this.socket.sendBinary(ByteBuffer.wrap(data), true).join();
		return this;
	}

	/** The next message: a String for text, a byte[] for binary. Fails after a timeout. */
	public Object next() {
		return next(TIMEOUT);
	}

	/** The next message: a String for text, a byte[] for binary. Fails after the given time. */
	public Object next(Duration timeout) {
		return poll(this.messages, "message", timeout);
	}

	/** The payload of the next pong received. Fails after the given time. */
	public byte[] nextPong(Duration timeout) {
		return poll(this.pongs, "pong", timeout);
	}

	private static <T> T poll(LinkedBlockingQueue<T> queue, String what, Duration timeout) {
		try {
			T received = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (received == null) {
				throw new AssertionError("No " + what + " within " + timeout);
			}
			return received;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	public String nextText() {
		Object message = next();
		if (!(message instanceof String text)) {
			throw new AssertionError("Expected a text message, got " + message);
		}
		return text;
	}

	public byte[] nextBinary() {
		Object message = next();
		if (!(message instanceof byte[] data)) {
			throw new AssertionError("Expected a binary message, got " + message);
		}
		return data;
	}

	/**
	 * Waits for a text message, skipping others (such as notices about other clients).
	 * @return the messages received before it
	 */
	public List<Object> awaitText(String expected) {
		List<Object> before = new java.util.ArrayList<>();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		try {
			while (true) {
				Object message = this.messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (message == null) {
					throw new AssertionError("No message '" + expected + "' within " + TIMEOUT + "; got " + before);
				}
				if (expected.equals(message)) {
					return before;
				}
				before.add(message);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** Waits until no message arrived for the given time; returns what did arrive. */
	public List<Object> drain(Duration quiet) throws InterruptedException {
		List<Object> drained = new java.util.ArrayList<>();
		Object message;
		while ((message = this.messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
			drained.add(message);
		}
		return drained;
	}

	/** The status of the server's close frame; fails after a timeout. */
	public Close awaitClose() {
		return awaitClose(TIMEOUT);
	}

	/** The status of the server's close frame; fails after the given time. */
	public Close awaitClose(Duration timeout) {
		try {
			return this.closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("The connection did not close within " + timeout, ex);
		}
	}

	public void closeNormally() {
		this.socket.sendClose(1000, "bye").join();
		awaitClose();
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(1000, "").exceptionally((ex) -> null);
		}
		this.socket.abort();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.text.append(data);
		if (last) {
			this.messages.add(this.text.toString());
			this.text.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] part = new byte[data.remaining()];
		data.get(part);
		this.binary.writeBytes(part);
		if (last) {
			this.messages.add(this.binary.toByteArray());
			this.binary.reset();
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		byte[] payload = new byte[message.remaining()];
		message.get(payload);
		this.pongs.add(payload);
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(new Close(statusCode, reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete(new Close(1006, String.valueOf(error)));
	}

	/**
	 * The server's close frame as this client saw it: its status code and reason, or 1006 and the
	 * error when the connection dropped without one.
	 */
	public record Close(int code, String reason) {
	}

}
