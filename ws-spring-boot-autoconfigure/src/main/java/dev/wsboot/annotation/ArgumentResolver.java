package dev.wsboot.annotation;

import java.nio.ByteBuffer;

import dev.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * Produces one argument of a handler method from the event being handled. Chosen once per
 * parameter at startup, so no per-message search happens.
 */
@FunctionalInterface
interface ArgumentResolver {

	ArgumentResolver CLIENT_ID = (session, payload) -> session.id();

	ArgumentResolver SESSION = (session, payload) -> session;

	/** The event's own value: the String or byte[] message, the CloseStatus, the Throwable. */
	ArgumentResolver PAYLOAD = (session, payload) -> payload;

	ArgumentResolver BYTE_BUFFER = (session, payload) -> ByteBuffer.wrap((byte[]) payload);

	/**
	 * @param session the session of the event
	 * @param payload the message, close status or error, depending on the event; null for a connect
	 */
	@Nullable Object resolve(WsSession session, @Nullable Object payload);

}
