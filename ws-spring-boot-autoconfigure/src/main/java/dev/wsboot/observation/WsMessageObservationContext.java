package dev.wsboot.observation;

import dev.wsboot.engine.WsSession;
import io.micrometer.observation.Observation;

/**
 * The context of one received message's observation, a child of its connection's.
 */
public class WsMessageObservationContext extends Observation.Context {

	private final WsSession session;

	private final String messageType;

	private final int size;

	/**
	 * @param messageType {@code text} or {@code binary}
	 * @param size the payload size: bytes for binary; for text, UTF-8 bytes when the handler reads
	 * bytes ({@code WsText}), UTF-16 characters when it takes a String (counting bytes would mean
	 * encoding it again)
	 */
	public WsMessageObservationContext(WsSession session, String messageType, int size) {
		this.session = session;
		this.messageType = messageType;
		this.size = size;
	}

	public WsSession getSession() {
		return this.session;
	}

	/** {@code text} or {@code binary}. */
	public String getMessageType() {
		return this.messageType;
	}

	/**
	 * The payload size: bytes for binary; for text, UTF-8 bytes when the handler reads bytes,
	 * UTF-16 characters when it takes a String.
	 */
	public int getSize() {
		return this.size;
	}

}
