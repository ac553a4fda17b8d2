package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;

/**
 * What happened on a session, in the order the handler sees it. Each event knows the handler
 * method it becomes, so delivery is one virtual call instead of a chain of type tests.
 */
sealed interface SessionEvent {

	void deliverTo(WsHandler handler, WsSession session) throws Exception;

	/** The payload bytes it holds, counted against the inbound queue bound. */
	default int size() {
		return 0;
	}

	/** Whether it is a message from the client, so what the handler sends meanwhile is a reply. */
	default boolean isMessage() {
		return false;
	}

	/** Whether nothing may be delivered after it. */
	default boolean isLast() {
		return false;
	}

	SessionEvent OPENED = new Opened();

	record Opened() implements SessionEvent {

		@Override
		public void deliverTo(WsHandler handler, WsSession session) throws Exception {
			handler.onOpen(session);
		}

	}

	/** The text as its validated UTF-8 bytes: decoded only if the handler takes a String. */
	record Text(WsText text) implements SessionEvent {

		@Override
		public void deliverTo(WsHandler handler, WsSession session) throws Exception {
			handler.onText(session, this.text);
		}

		/** The message's payload bytes on the wire (its UTF-8 length). */
		@Override
		public int size() {
			return this.text.byteLength();
		}

		@Override
		public boolean isMessage() {
			return true;
		}

	}

	/**
	 * The text decoded, for a handler that takes a String ({@link WsHandler#textAsBytes()} false).
	 * @param size the message's payload bytes on the wire (its UTF-8 length)
	 */
	record DecodedText(String text, int size) implements SessionEvent {

		@Override
		public void deliverTo(WsHandler handler, WsSession session) throws Exception {
			handler.onText(session, this.text);
		}

		@Override
		public boolean isMessage() {
			return true;
		}

	}

	record Binary(byte[] data) implements SessionEvent {

		@Override
		public void deliverTo(WsHandler handler, WsSession session) throws Exception {
			handler.onBinary(session, this.data);
		}

		@Override
		public int size() {
			return this.data.length;
		}

		@Override
		public boolean isMessage() {
			return true;
		}

	}

	record Pong(byte[] payload) implements SessionEvent {

		@Override
		public void deliverTo(WsHandler handler, WsSession session) throws Exception {
			handler.onPong(session, this.payload);
		}

		@Override
		public int size() {
			return this.payload.length;
		}

	}

	/**
	 * Not for the handler: our answer to the peer's close or violation, queued from the
	 * delivering thread once every earlier event was handled, so the handler's replies to them go
	 * first (RFC 6455 §5.5.1 allows the wait).
	 */
	record CloseReply(Runnable queueReply) implements SessionEvent {

		@Override
		public void deliverTo(WsHandler handler, WsSession session) {
			this.queueReply.run();
		}

	}

	record Closed(CloseStatus status) implements SessionEvent {

		@Override
		public void deliverTo(WsHandler handler, WsSession session) throws Exception {
			handler.onClose(session, this.status);
		}

		@Override
		public boolean isLast() {
			return true;
		}

	}

}
