package dev.wsboot.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One message between nodes: a send to a client or to many, a close, or a request about a client
 * to the node that owns it, and its reply. Immutable; the payload array is never changed after
 * construction.
 *
 * @param kind what the receiving node does with it
 * @param origin the number of the node that published it
 * @param targetNode for a {@link Kind#REPLY}, the node that asked; else 0 (the channel decides)
 * @param clientId the client it is about; for {@link Kind#BROADCAST} and {@link Kind#GROUP} the
 * client to leave out, 0 for none
 * @param address the path of a broadcast to one path, the group, or the user's name; empty when there is none
 * @param code the close code of a {@link Kind#CLOSE}; else 0
 * @param requestId matches a reply to its request; 0 for a message that wants none
 * @param binary whether the payload is a binary message (else UTF-8 text)
 * @param payload the message, the close reason, or the reply
 * @param publishedMicros when it was published, in microseconds of the epoch (for the delivery
 * timer; clocks of different machines differ by their skew)
 */
public record ClusterMessage(Kind kind, int origin, int targetNode, long clientId, String address, int code,
		long requestId, boolean binary, byte[] payload, long publishedMicros) {

	private static final byte[] NONE = new byte[0];

	/** What the receiving node does. */
	public enum Kind {

		/** Deliver to every local client (of one path when an address is given). */
		BROADCAST,

		/** Deliver to the local members of a group. */
		GROUP,

		/** Deliver to one local client. */
		SEND,

		/** Close one local client. */
		CLOSE,

		/** Add a local client to a group and reply whether it is connected. */
		JOIN,

		/** Remove a local client from a group and reply whether it was a member. */
		LEAVE,

		/** Reply with the groups of a local client, one per line. */
		GROUPS_OF,

		/** The answer to a request. */
		REPLY,

		/**
		 * Deliver to the local sessions of the user named by the address. Last, so that a node of
		 * an older version counts it as unreadable instead of misreading it.
		 */
		USER

	}

	public static ClusterMessage broadcast(int origin, String path, long excludedId, boolean binary, byte[] payload) {
		return new ClusterMessage(Kind.BROADCAST, origin, 0, excludedId, path, 0, 0, binary, payload, nowMicros());
	}

	public static ClusterMessage group(int origin, String group, long excludedId, boolean binary, byte[] payload) {
		return new ClusterMessage(Kind.GROUP, origin, 0, excludedId, group, 0, 0, binary, payload, nowMicros());
	}

	public static ClusterMessage user(int origin, String name, boolean binary, byte[] payload) {
		return new ClusterMessage(Kind.USER, origin, 0, 0, name, 0, 0, binary, payload, nowMicros());
	}

	public static ClusterMessage send(int origin, long clientId, boolean binary, byte[] payload) {
		return new ClusterMessage(Kind.SEND, origin, 0, clientId, "", 0, 0, binary, payload, nowMicros());
	}

	public static ClusterMessage close(int origin, long clientId, int code, String reason) {
		return new ClusterMessage(Kind.CLOSE, origin, 0, clientId, "", code, 0, false, utf8(reason), nowMicros());
	}

	/** A {@link Kind#JOIN}, {@link Kind#LEAVE} or {@link Kind#GROUPS_OF} for the client's node. */
	public static ClusterMessage request(Kind kind, int origin, long clientId, String group, long requestId) {
		return new ClusterMessage(kind, origin, 0, clientId, group, 0, requestId, false, NONE, nowMicros());
	}

	public ClusterMessage reply(int from, String answer) {
		return new ClusterMessage(Kind.REPLY, from, this.origin, this.clientId, "", 0, this.requestId, false,
				utf8(answer), nowMicros());
	}

	/** The payload as text; for text messages, close reasons and replies. */
	public String text() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static long nowMicros() {
		return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
	}

}
