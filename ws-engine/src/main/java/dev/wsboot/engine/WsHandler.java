package dev.wsboot.engine;

/**
 * Application code for one endpoint.
 *
 * <p>Threading contract: for one session, calls never overlap and arrive in the order of events on
 * the connection: {@link #onOpen} first, then messages and pongs, then {@link #onClose} exactly
 * once. Different sessions may be served concurrently. Unless the server runs handlers on its I/O
 * threads ({@link WsServerConfig.HandlerExecution#IO_THREAD}) or the handler says it never blocks
 * ({@link #blocking()} false), calls run on the server's handler executor and may block.
 * {@link #onError} is called when one of the other methods throws; it is never called twice for
 * one exception.
 */
public interface WsHandler {

	/**
	 * Whether this handler may block. A handler that answers false is called on the I/O thread
	 * that read the message, as a message handler is in Vert.x or a {@code @NonBlocking} one in
	 * Quarkus: no hand-over to a handler thread, which on a busy server is most of a small
	 * message's cost. It must then never block (no I/O, locks held long, or sleeping), since the
	 * other connections of that I/O thread wait meanwhile. Asked once per connection, at the open.
	 */
	default boolean blocking() {
		return true;
	}

	/**
	 * Whether text messages reach {@link #onText(WsSession, WsText)} as bytes, or
	 * {@link #onText(WsSession, String)} decoded. Decoded, the engine makes the String in one pass
	 * over the bytes as they lie in its read buffer (RFC 6455 §8.1 validation included), cheaper
	 * than validating bytes and decoding them after. The default answers whether this handler's
	 * class overrides the {@code WsText} method, so existing String handlers keep their speed; a
	 * decorator answers for the handler it wraps. Asked once per connection, at the open.
	 */
	default boolean textAsBytes() {
		return TextMethods.takesBytes(getClass());
	}

	/** The handshake completed; the session can send. */
	default void onOpen(WsSession session) throws Exception {
	}

	/** A complete text message arrived, fragments joined and UTF-8 validated. */
	default void onText(WsSession session, String text) throws Exception {
	}

	/**
	 * A complete text message arrived, as its UTF-8 bytes: fragments joined and validated.
	 * Override this one to relay, echo or parse the bytes without decoding them
	 * ({@link WsSession#sendText(WsText)} sends them as they are). The default decodes the text
	 * and calls {@link #onText(WsSession, String)}.
	 */
	default void onText(WsSession session, WsText text) throws Exception {
		onText(session, text.toString());
	}

	/** A complete binary message arrived, fragments joined. The array belongs to the handler. */
	default void onBinary(WsSession session, byte[] data) throws Exception {
	}

	/** A pong arrived, in answer to {@link WsSession#ping} or unsolicited (RFC 6455 §5.5.3). */
	default void onPong(WsSession session, byte[] payload) throws Exception {
	}

	/** The connection closed; called exactly once, after every other event of the session. */
	default void onClose(WsSession session, CloseStatus status) throws Exception {
	}

	/**
	 * Another method threw. The default logs the error and closes the session with 1011, an
	 * unexpected condition on the server (RFC 6455 §7.4.1); override to keep the session open.
	 */
	default void onError(WsSession session, Throwable error) {
		System.getLogger(WsHandler.class.getName())
			.log(System.Logger.Level.WARNING, "Handler failed on " + session + "; closing it with 1011", error);
		session.close(1011, "Internal server error");
	}

}
