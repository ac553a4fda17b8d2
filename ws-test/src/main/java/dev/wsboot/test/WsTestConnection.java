package dev.wsboot.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.assertj.core.api.AssertProvider;

/**
 * One connection of a {@link WsTestClient}: the JDK's {@link java.net.http.WebSocket} made
 * blocking, with fluent expectations. Every wait fails with an {@link AssertionError} after the
 * client's timeout (ten seconds unless set) instead of hanging.
 *
 * <pre>{@code
 * client.connect("/chat")
 *     .send("hi")
 *     .expectText("You said: hi")
 *     .close(1000, "bye")
 *     .expectClose(1000);
 * }</pre>
 *
 * <p>Messages wait in an inbox in the order they arrived. {@code expectText} and
 * {@code expectBinary} take the first message that matches and leave the others for later
 * expectations, as a mailbox does, so a broadcast arriving in between does not fail the test;
 * {@code expectNextText} insists on the next one. {@link #received()} lists every message ever
 * received, taken or not. With AssertJ on the class path, {@code assertThat(connection)} gives
 * {@link WsTestConnectionAssert}.
 *
 * <p>Threading: one test thread drives a connection; the JDK's thread fills the inbox.
 */
public final class WsTestConnection implements AutoCloseable, AssertProvider<WsTestConnectionAssert> {

	private final Inbox inbox = new Inbox();

	private final ConnectionListener listener = new ConnectionListener(this.inbox);

	private final String path;

	private volatile Duration timeout;

	private volatile WebSocket socket;

	WsTestConnection(String path, Duration timeout) {
		this.path = path;
		this.timeout = timeout;
	}

	/** Connects to {@code ws://127.0.0.1:port/path}; the same as {@code WsTestClient.forPort(port).connect(path)}. */
	public static WsTestConnection connect(int port, String path) {
		return WsTestClient.forPort(port).connect(path);
	}

	/** Connects offering these subprotocols, in this order of preference. */
	public static WsTestConnection connect(int port, String path, String... subprotocols) {
		return WsTestClient.forPort(port).withSubprotocols(subprotocols).connect(path);
	}

	public static WsTestConnection connect(int port, String path, Map<String, String> headers,
			List<String> subprotocols) {
		return WsTestClient.forPort(port).withHeaders(headers).withSubprotocols(subprotocols).connect(path);
	}

	/** Connects over wss:// with a client trusting what the context trusts. */
	public static WsTestConnection connectSecure(int port, String path, SSLContext trust) {
		return WsTestClient.forPort(port).withSslContext(trust).connect(path);
	}

	/** Connects with this HTTP client (its SSL context, for wss://) to a full ws:// or wss:// URI. */
	public static WsTestConnection connect(HttpClient http, URI uri) {
		return WsTestClient.forUri(uri).withHttpClient(http).connect("");
	}

	/**
	 * Starts connecting, for a test that checks how a connection fails: the future fails as
	 * {@link WebSocket.Builder#buildAsync} does, with the handshake's own exception as its cause.
	 */
	public static CompletableFuture<WsTestConnection> connectAsync(HttpClient http, URI uri) {
		return WsTestClient.forUri(uri).withHttpClient(http).connectAsync("");
	}

	/**
	 * Attempts a connection that the server should refuse.
	 * @return the HTTP status the server answered with
	 */
	public static int refusedStatus(int port, String path, String... subprotocols) {
		return WsTestClient.forPort(port).withSubprotocols(subprotocols).refusedStatus(path);
	}

	/**
	 * Attempts a connection that the server should refuse.
	 * @return the HTTP status the server answered with
	 */
	public static int refusedStatus(int port, String path, Map<String, String> headers, List<String> subprotocols) {
		return WsTestClient.forPort(port).withHeaders(headers).withSubprotocols(subprotocols).refusedStatus(path);
	}

	/** What the JDK's WebSocket calls for this connection. */
	WebSocket.Listener listener() {
		return this.listener;
	}

	void attach(WebSocket socket) {
		this.socket = socket;
	}

	/**
	 * The JDK's WebSocket under this connection, for what the methods here do not cover:
	 * fragments, pings, an abort.
	 */
	public WebSocket webSocket() {
		return this.socket;
	}

	/** The path (with the query) this connection was opened on. */
	public String path() {
		return this.path;
	}

	/** The subprotocol the server chose, or an empty string for none. */
	public String subprotocol() {
		return this.socket.getSubprotocol();
	}

	/** How long each expectation waits from now on. */
	public WsTestConnection timeout(Duration timeout) {
		this.timeout = timeout;
		return this;
	}

	public Duration timeout() {
		return this.timeout;
	}

	/** Sends a text message and waits until the JDK has written it. */
	public WsTestConnection send(String text) {
		this.socket.sendText(text, true).join();
		return this;
	}

	/** Sends a binary message and waits until the JDK has written it. */
	public WsTestConnection send(byte[] data) {
		this.socket.sendBinary(ByteBuffer.wrap(data), true).join();
		return this;
	}

	public WsTestConnection sendText(String text) {
		return send(text);
	}

	public WsTestConnection sendBinary(byte[] data) {
		return send(data);
	}

	/** Waits for a text message equal to this one, leaving other messages in the inbox. */
	public WsTestConnection expectText(String expected) {
		take((message) -> expected.equals(message), "text message \"" + expected + "\"");
		return this;
	}

	/** Waits for a text message that the regular expression matches as a whole. */
	public WsTestConnection expectTextMatching(String regex) {
		nextTextMatching(regex);
		return this;
	}

	/**
	 * Waits for a text message that the regular expression matches as a whole, leaving other
	 * messages in the inbox, and returns it.
	 */
	public String nextTextMatching(String regex) {
		Pattern pattern = Pattern.compile(regex);
		return (String) take((message) -> message instanceof String text && pattern.matcher(text).matches(),
				"text message matching " + regex, this.timeout, true);
	}

	/** Asserts that the next message, whatever it is, is this text. */
	public WsTestConnection expectNextText(String expected) {
		Object next = next();
		if (!expected.equals(next)) {
			throw new AssertionError("Expected the next message on " + this.path + " to be \"" + expected
					+ "\", got " + describe(next));
		}
		return this;
	}

	/** Waits for a binary message with these bytes, leaving other messages in the inbox. */
	public WsTestConnection expectBinary(byte[] expected) {
		take((message) -> message instanceof byte[] data && Arrays.equals(expected, data),
				"binary message of " + expected.length + " bytes " + describe(expected));
		return this;
	}

	/**
	 * Asserts that no message arrives for this long. This waits the whole time by design: there is
	 * no event to wait for when nothing should happen.
	 */
	public WsTestConnection expectNoMessage(Duration quiet) {
		Object message = this.inbox.peek(quiet);
		if (message != null) {
			throw new AssertionError("Expected no message on " + this.path + " for " + quiet + ", got "
					+ describe(message));
		}
		return this;
	}

	/** Waits for the server's close frame (or the drop, as 1006) and asserts its status code. */
	public WsTestConnection expectClose(int code) {
		Close close = awaitClose();
		if (close.code() != code) {
			throw new AssertionError("Expected " + this.path + " to close with " + code + ", it closed with "
					+ close.code() + " \"" + close.reason() + "\"");
		}
		return this;
	}

	/** Waits for the server's close frame and asserts its status code and reason. */
	public WsTestConnection expectClose(int code, String reason) {
		expectClose(code);
		String actual = awaitClose().reason();
		if (!reason.equals(actual)) {
			throw new AssertionError("Expected " + this.path + " to close with reason \"" + reason + "\", got \""
					+ actual + "\"");
		}
		return this;
	}

	/** Starts the close handshake from this side; {@link #expectClose(int)} then waits for the answer. */
	public WsTestConnection close(int code, String reason) {
		this.socket.sendClose(code, reason).join();
		return this;
	}

	/** Every message received so far, taken or not: a String for text, a byte[] for binary. */
	public List<Object> received() {
		return this.inbox.received();
	}

	/** The text messages received so far, taken or not. */
	public List<String> receivedTexts() {
		return received().stream().filter(String.class::isInstance).map(String.class::cast).toList();
	}

	/** Whether the server's close frame arrived or the connection dropped. */
	public boolean isClosed() {
		return this.listener.closed().isDone();
	}

	/** Takes the next message from the inbox: a String for text, a byte[] for binary. */
	public Object next() {
		return next(this.timeout);
	}

	/** Takes the next message from the inbox, waiting at most the given time. */
	public Object next(Duration timeout) {
		return take((message) -> true, "message", timeout, true);
	}

	public String nextText() {
		Object message = next();
		if (!(message instanceof String text)) {
			throw new AssertionError("Expected a text message, got " + describe(message));
		}
		return text;
	}

	public byte[] nextBinary() {
		Object message = next();
		if (!(message instanceof byte[] data)) {
			throw new AssertionError("Expected a binary message, got " + describe(message));
		}
		return data;
	}

	/** The payload of the next pong received. Fails after the given time. */
	public byte[] nextPong(Duration timeout) {
		try {
			byte[] pong = this.listener.pongs().poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (pong == null) {
				throw new AssertionError("No pong on " + this.path + " within " + timeout);
			}
			return pong;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Waits for a text message, taking the messages before it as well (such as notices about
	 * other clients).
	 * @return the messages received before it
	 */
	public List<Object> awaitText(String expected) {
		List<Object> before = new ArrayList<>();
		while (true) {
			Object message = take((any) -> true, "message \"" + expected + "\" (skipped " + before + ")",
					this.timeout, true);
			if (expected.equals(message)) {
				return before;
			}
			before.add(message);
		}
	}

	/** Takes messages until none arrived for the given time; returns them. */
	public List<Object> drain(Duration quiet) {
		List<Object> drained = new ArrayList<>();
		while (true) {
			try {
				drained.add(take((any) -> true, "message", quiet, false));
			}
			catch (AssertionError none) {
				return drained;
			}
		}
	}

	/** The status of the server's close frame; fails after the timeout. */
	public Close awaitClose() {
		return awaitClose(this.timeout);
	}

	/** The status of the server's close frame; fails after the given time. */
	public Close awaitClose(Duration timeout) {
		try {
			return this.listener.closed().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("The connection to " + this.path + " did not close within " + timeout, ex);
		}
	}

	/** Closes with 1000 and waits for the server's answer. */
	public void closeNormally() {
		close(1000, "bye");
		awaitClose();
	}

	/** Sends a close frame unless one was sent, and drops the connection without waiting. */
	@Override
	public void close() {
		WebSocket socket = this.socket;
		if (socket == null) {
			return;
		}
		if (!socket.isOutputClosed()) {
			socket.sendClose(1000, "").exceptionally((ex) -> null);
		}
		socket.abort();
	}

	@Override
	public WsTestConnectionAssert assertThat() {
		return new WsTestConnectionAssert(this);
	}

	private void take(Predicate<Object> matching, String what) {
		take(matching, what, this.timeout, true);
	}

	/**
	 * Takes the first message in the inbox that matches, waiting for one up to the timeout. A
	 * timeout fails listing every message received, so the test says what came instead.
	 */
	private Object take(Predicate<Object> matching, String what, Duration timeout, boolean listReceived) {
		Object message = this.inbox.take(matching, timeout);
		if (message == null) {
			throw new AssertionError("No " + what + " on " + this.path + " within " + timeout
					+ (listReceived ? "; received " + describe(received()) : ""));
		}
		return message;
	}

	/** Whether a message that matches has arrived, taken or not, waiting for one up to the timeout. */
	boolean hasReceived(Predicate<Object> matching) {
		return this.inbox.hasReceived(matching, this.timeout);
	}

	static String describe(Object message) {
		return Inbox.describe(message);
	}

	/**
	 * The server's close frame as this client saw it: its status code and reason, or 1006 and the
	 * error when the connection dropped without one.
	 */
	public record Close(int code, String reason) {
	}

}
