package dev.wsboot.engine;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One WebSocket connection, from the completed handshake to its close.
 *
 * <p>Every method is safe to call from any thread at any time. Sends never block: the frame is
 * queued and written by the connection's I/O thread. The queue is bounded in bytes
 * ({@link LimitsConfig#maxOutboundQueueSize()}); what happens past it is the
 * {@link LimitsConfig#slowClientPolicy()}.
 */
public interface WsSession {

	/** The client id: unique for the life of the process, never reused. */
	long id();

	/** The endpoint path this session connected to. */
	String path();

	InetSocketAddress remoteAddress();

	/** The upgrade request's header fields, names in lower case. */
	Map<String, List<String>> requestHeaders();

	/**
	 * A request header field by case-insensitive name: its values joined with ", " in the order
	 * received, as RFC 7230 §3.2.2 allows for a field sent more than once, or null if absent. Use
	 * {@link #requestHeaders()} for the values one by one.
	 */
	@Nullable String requestHeader(String name);

	/** The decoded query parameters of the upgrade request. */
	Map<String, List<String>> queryParameters();

	/** The negotiated subprotocol, or null if none. */
	@Nullable String subprotocol();

	/** Attributes attached at the handshake, writable by the application. Thread-safe. */
	Map<String, Object> attributes();

	/**
	 * Who the client is, as a handshake interceptor authenticated it
	 * ({@link WsHandshake#setPrincipal}), or null for a client nobody authenticated. Fixed for the
	 * life of the session.
	 */
	@Nullable Principal principal();

	/** When the upgrade completed, to the millisecond. */
	Instant connectedAt();

	/**
	 * Queues a text message.
	 * @return whether it was queued: false if the session is closing or closed, or the slow client
	 * policy refused it
	 */
	boolean sendText(String text);

	/**
	 * Queues a text message of bytes already known to be valid UTF-8: framed as they are, neither
	 * decoded nor encoded again, and a large one without a copy, as a {@link WsText} never
	 * changes. The default sends {@link WsText#toString()}, for sessions that are not the
	 * engine's. @return as for {@link #sendText(String)}
	 */
	default boolean sendText(WsText text) {
		return sendText(text.toString());
	}

	/** Queues a binary message; the array is copied. @return as for {@link #sendText} */
	boolean sendBinary(byte[] data);

	/**
	 * Queues a binary message of an array the caller hands over, as {@link WsText#ofUtf8(byte[])}
	 * takes one: a large message is framed where it lies, without a copy, so the array must not
	 * change afterwards (it is read until the frame is written, after this returns). Echoing or
	 * relaying the array a handler received is such a case: the engine made it for that message
	 * alone. The default copies, for sessions that are not the engine's.
	 * @return as for {@link #sendText}
	 */
	default boolean sendBinaryWithoutCopy(byte[] data) {
		return sendBinary(data);
	}

	/** Queues a binary message of the buffer's remaining bytes; they are copied. */
	boolean sendBinary(ByteBuffer data);

	/** Sends a ping of at most 125 bytes (RFC 6455 §5.5.2). */
	boolean ping(byte[] payload);

	/** Sends an unsolicited pong of at most 125 bytes (RFC 6455 §5.5.3). */
	boolean pong(byte[] payload);

	/** Starts the close handshake with 1000. */
	default void close() {
		close(1000, "");
	}

	/**
	 * Starts the close handshake (RFC 6455 §7.1.2): sends a close frame after what is already
	 * queued, then waits for the client's close up to the close timeout.
	 * @param code a status code valid on the wire (1000-1003, 1007-1014, 3000-4999)
	 * @param reason a reason; cut to fit 123 bytes of UTF-8
	 */
	void close(int code, String reason);

	/** Whether messages can still be sent: the handshake completed and no close was sent. */
	boolean isOpen();

	/** Bytes queued and not yet written to the socket. */
	long queuedBytes();

	/** Messages received so far. */
	long messagesReceived();

	/** Messages queued for sending so far. */
	long messagesSent();

}
