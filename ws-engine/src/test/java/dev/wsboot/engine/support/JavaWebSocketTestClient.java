package dev.wsboot.engine.support;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TooTallNate's Java-WebSocket client, a WebSocket implementation independent of ours and of the
 * JDK's, with what it receives in queues: messages (a String for text, a byte[] for binary),
 * pongs, the close code and the extensions the server agreed to. As a {@link WebSocketClient} it
 * also sends frames the protocol forbids.
 */
public final class JavaWebSocketTestClient extends WebSocketClient {

	private final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();

	private final LinkedBlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final CompletableFuture<String> agreedExtensions = new CompletableFuture<>();

	private volatile String closeReason;

	private volatile boolean closedByRemote;

	private JavaWebSocketTestClient(URI uri, Draft draft) {
		super(uri, draft);
	}

	/** Connects with RFC 6455 and no extension; fails unless connected within five seconds. */
	public static JavaWebSocketTestClient connect(URI uri) throws InterruptedException {
		return connect(uri, new Draft_6455());
	}

	/** Connects with this draft (its extensions offered); fails unless connected within five seconds. */
	public static JavaWebSocketTestClient connect(URI uri, Draft draft) throws InterruptedException {
		JavaWebSocketTestClient client = new JavaWebSocketTestClient(uri, draft);
		assertThat(client.connectBlocking(5, TimeUnit.SECONDS)).as("connected").isTrue();
		return client;
	}

	/** The next message, or null if none arrived within the time. */
	public Object next(Duration timeout) throws InterruptedException {
		return this.messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** The payload of the next pong, or null if none arrived within the time. */
	public byte[] nextPong(Duration timeout) throws InterruptedException {
		return this.pongs.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** The close code; fails if the connection does not close within the time, or with an error. */
	public int awaitCloseCode(Duration timeout) throws Exception {
		return this.closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	public String closeReason() {
		return this.closeReason;
	}

	/** Whether the server, not this client, started the close. */
	public boolean closedByRemote() {
		return this.closedByRemote;
	}

	/** The server's {@code Sec-WebSocket-Extensions} answer, empty if none. */
	public String agreedExtensions(Duration timeout) throws Exception {
		return this.agreedExtensions.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void onOpen(ServerHandshake handshake) {
		this.agreedExtensions.complete(handshake.getFieldValue("Sec-WebSocket-Extensions"));
	}

	@Override
	public void onMessage(String message) {
		this.messages.add(message);
	}

	@Override
	public void onMessage(ByteBuffer bytes) {
		this.messages.add(copy(bytes));
	}

	@Override
	public void onWebsocketPong(WebSocket conn, Framedata frame) {
		this.pongs.add(copy(frame.getPayloadData()));
	}

	@Override
	public void onClose(int code, String reason, boolean remote) {
		this.closeReason = reason;
		this.closedByRemote = remote;
		this.closed.complete(code);
	}

	@Override
	public void onError(Exception ex) {
		this.closed.completeExceptionally(ex);
	}

	private static byte[] copy(ByteBuffer buffer) {
		byte[] data = new byte[buffer.remaining()];
		buffer.get(data);
		return data;
	}

}
