package dev.wsboot.engine;

/**
 * Why a WebSocket connection closed: the status code of RFC 6455 §7.4 and a reason. The status
 * codes of §7.4.1 and the IANA registry are constants here, with the rule for which of them may
 * be sent ({@link #isValidOnWire(int)}).
 *
 * @param code the status code; {@value #NO_STATUS} when the peer's close frame had none,
 * {@value #ABNORMAL} when the connection dropped without a close frame
 * @param reason the reason text, empty if none
 */
public record CloseStatus(int code, String reason) {

	public static final int NORMAL = 1000;

	public static final int GOING_AWAY = 1001;

	public static final int PROTOCOL_ERROR = 1002;

	public static final int UNSUPPORTED_DATA = 1003;

	/** Reported locally when a close frame had no status code; never sent (§7.4.1). */
	public static final int NO_STATUS = 1005;

	/** Reported locally when the connection dropped without a close frame; never sent (§7.4.1). */
	public static final int ABNORMAL = 1006;

	public static final int INVALID_PAYLOAD = 1007;

	public static final int POLICY_VIOLATION = 1008;

	public static final int MESSAGE_TOO_BIG = 1009;

	public static final int MANDATORY_EXTENSION = 1010;

	public static final int INTERNAL_ERROR = 1011;

	public static final int SERVICE_RESTART = 1012;

	public static final int TRY_AGAIN_LATER = 1013;

	public static final int BAD_GATEWAY = 1014;

	public CloseStatus {
		reason = (reason == null) ? "" : reason;
	}

	/**
	 * Whether a peer may send this code in a close frame. Codes below 1000 are unused, 1004 is
	 * reserved, 1005, 1006 and 1015 are for local reporting only, 1016-2999 are reserved for future
	 * RFCs, and 3000-4999 are for libraries and applications (RFC 6455 §7.4.1, §7.4.2, and the IANA
	 * registry that added 1012-1014).
	 */
	public static boolean isValidOnWire(int code) {
		if (code >= 3000 && code <= 4999) {
			return true;
		}
		return code >= NORMAL && code <= BAD_GATEWAY && code != 1004 && code != NO_STATUS && code != ABNORMAL;
	}

	/** Whether the close was the normal end of a conversation (1000, or 1001 for leaving). */
	public boolean isNormal() {
		return this.code == NORMAL || this.code == GOING_AWAY;
	}

}
