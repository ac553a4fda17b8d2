package dev.wsboot.sample;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client for the sample's tests: the JDK's {@link WebSocket}, with each received
 * message, text as {@code String} and binary as {@code byte[]}, put whole into a queue.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();

	private final StringBuilder text = new StringBuilder();

	private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private WebSocket socket;

	private WsClient() {
	}

	static WsClient connect(int port, String path, String... subprotocols) {
		WsClient client = new WsClient();
		try {
			client.socket = builder(subprotocols).buildAsync(uri(port, path), client)
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not connect to " + path, ex);
		}
		return client;
	}

	/** Attempts a connection the server should refuse; returns the HTTP status it answered. */
	static int refusedStatus(int port, String path, String... subprotocols) throws Exception {
		try {
			WebSocket socket = builder(subprotocols).buildAsync(uri(port, path), new WsClient())
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			socket.abort();
			throw new AssertionError("The server accepted a connection to " + path);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
	}

	private static WebSocket.Builder builder(String... subprotocols) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
		if (subprotocols.length > 0) {
			builder.subprotocols(subprotocols[0], List.of(subprotocols).subList(1, subprotocols.length)
				.toArray(String[]::new));
		}
		return builder;
	}

	private static URI uri(int port, String path) {
		return URI.create("ws://127.0.0.1:" + port + path);
	}

	String subprotocol() {
		return this.socket.getSubprotocol();
	}

	WsClient sendText(String message) {
		this.socket.sendText(message, true).join();
		return this;
	}

	WsClient sendBinary(byte[] data) {
		this.socket.sendBinary(ByteBuffer.wrap(data), true).join();
		return this;
	}

	/** The next message, whatever it is; fails after a timeout. */
	Object next() throws InterruptedException {
		Object message = this.messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No message within " + TIMEOUT);
		}
		return message;
	}

	String nextText() throws InterruptedException {
		Object message = next();
		if (!(message instanceof String received)) {
			throw new AssertionError("Expected a text message, got " + message);
		}
		return received;
	}

	byte[] nextBinary() throws InterruptedException {
		Object message = next();
		if (!(message instanceof byte[] data)) {
			throw new AssertionError("Expected a binary message, got a text message");
		}
		return data;
	}

	/**
	 * Waits for a text message, skipping others (such as other tests' clients leaving /chat).
	 * @return the messages received before it
	 */
	List<Object> awaitText(String expected) throws InterruptedException {
		List<Object> before = new ArrayList<>();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
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

	/** Closes normally: sends a close frame and waits for the server's, then drops the connection. */
	@Override
	public void close() {
		try {
			if (!this.socket.isOutputClosed()) {
				this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			this.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("The connection did not close within " + TIMEOUT, ex);
		}
		finally {
			this.socket.abort();
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.completeExceptionally(error);
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

}
