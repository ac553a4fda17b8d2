package dev.wsboot.engine;


/**
 * Why connections closed, in a few bounded classes fit for metric tags.
 */
public enum CloseCategory {

	NORMAL, GOING_AWAY, PROTOCOL_ERROR, INVALID_DATA, TOO_BIG, POLICY, SLOW_CLIENT, RATE_LIMIT, IDLE_TIMEOUT,
	SERVER_ERROR, ABNORMAL, OTHER;

	/** The class of a status code; slow clients and idle timeouts are classed by their cause, not code. */
	public static CloseCategory of(int code) {
		return switch (code) {
			case CloseStatus.NORMAL -> NORMAL;
			case CloseStatus.GOING_AWAY -> GOING_AWAY;
			case CloseStatus.PROTOCOL_ERROR -> PROTOCOL_ERROR;
			case CloseStatus.INVALID_PAYLOAD, CloseStatus.UNSUPPORTED_DATA -> INVALID_DATA;
			case CloseStatus.MESSAGE_TOO_BIG -> TOO_BIG;
			case CloseStatus.POLICY_VIOLATION -> POLICY;
			case CloseStatus.INTERNAL_ERROR -> SERVER_ERROR;
			case CloseStatus.ABNORMAL -> ABNORMAL;
			default -> (code == CloseStatus.NO_STATUS) ? NORMAL : OTHER;
		};
	}

	/** The lower-case, dash-separated name used in metric tags. */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
