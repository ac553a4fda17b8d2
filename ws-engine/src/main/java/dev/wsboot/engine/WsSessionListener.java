package dev.wsboot.engine;

/**
 * Hears of every session of a server opening and closing, for bookkeeping such as group
 * membership or metrics. Called on the session's I/O thread, before the handler hears of the
 * event: implementations must be quick and must not block.
 */
public interface WsSessionListener {

	default void sessionOpened(WsSession session) {
	}

	default void sessionClosed(WsSession session, CloseStatus status) {
	}

}
