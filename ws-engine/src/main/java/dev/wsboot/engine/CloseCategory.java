package dev.wsboot.engine;

import dev.wsboot.engine.protocol.CloseCodes;

/**
 * Why connections closed, in a few bounded classes fit for metric tags.
 */
public enum CloseCategory {

	NORMAL, GOING_AWAY, PROTOCOL_ERROR, INVALID_DATA, TOO_BIG, POLICY, SLOW_CLIENT, IDLE_TIMEOUT, SERVER_ERROR,
	ABNORMAL, OTHER;

	/** The class of a status code; slow clients and idle timeouts are classed by their cause, not code. */
	public static CloseCategory of(int code) {
		return switch (code) {
			case CloseCodes.NORMAL -> NORMAL;
			case CloseCodes.GOING_AWAY -> GOING_AWAY;
			case CloseCodes.PROTOCOL_ERROR -> PROTOCOL_ERROR;
			case CloseCodes.INVALID_PAYLOAD, CloseCodes.UNSUPPORTED_DATA -> INVALID_DATA;
			case CloseCodes.MESSAGE_TOO_BIG -> TOO_BIG;
			case CloseCodes.POLICY_VIOLATION -> POLICY;
			case CloseCodes.INTERNAL_ERROR -> SERVER_ERROR;
			case CloseCodes.ABNORMAL -> ABNORMAL;
			default -> (code == CloseCodes.NO_STATUS) ? NORMAL : OTHER;
		};
	}

	/** The lower-case, dash-separated name used in metric tags. */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
