package dev.wsboot.engine;

import dev.wsboot.engine.protocol.CloseCodes;

/**
 * Why a WebSocket connection closed: the status code of RFC 6455 §7.4 and a reason.
 *
 * @param code the status code; 1005 when the peer's close frame had none, 1006 when the connection
 * dropped without a close frame
 * @param reason the reason text, empty if none
 */
public record CloseStatus(int code, String reason) {

	public static final CloseStatus NORMAL = new CloseStatus(CloseCodes.NORMAL, "");

	public static final CloseStatus GOING_AWAY = new CloseStatus(CloseCodes.GOING_AWAY, "");

	public static final CloseStatus NO_STATUS = new CloseStatus(CloseCodes.NO_STATUS, "");

	public static final CloseStatus ABNORMAL = new CloseStatus(CloseCodes.ABNORMAL, "");

	public CloseStatus {
		reason = (reason == null) ? "" : reason;
	}

	/** Whether the close was the normal end of a conversation (1000, or 1001 for leaving). */
	public boolean isNormal() {
		return this.code == CloseCodes.NORMAL || this.code == CloseCodes.GOING_AWAY;
	}

}
