package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;

/**
 * The one owner of an open connection's close transitions (RFC 6455 §7): who closed first, the
 * status the application will be told, and whether messages may still be queued. Each transition
 * answers what the caller must do next; the caller's frame is queued inside the transition, so no
 * other thread can see the state change before the frame is in the queue.
 *
 * <p>Thread-safe: the I/O thread reports what the peer did, any thread may start a close, and
 * {@link #isSendable()} is a volatile read for the send path.
 */
final class CloseState {

	enum Phase {

		/** Messages flow both ways. */
		OPEN,

		/**
		 * The peer's close frame arrived, or its input broke the protocol: the handler still sees
		 * the events read before it and may reply to them, then our close frame follows.
		 */
		REPLY_PENDING,

		/** We queued our close frame first and wait for the peer's (§7.1.2). */
		CLOSE_SENT,

		/** Both sides are done, or the connection failed; the socket closes once written. */
		CLOSING,

		/** The socket is closed. */
		CLOSED

	}

	/** What the I/O thread does after the peer's close frame or a protocol violation. */
	enum Next {

		/** Queue our close frame behind the handler's pending events, then close (or half-close). */
		REPLY_AFTER_EVENTS,

		/** Our close frame went first: close the socket once the queue is written. */
		CLOSE_AFTER_FLUSH,

		/** Our close frame went first, and the peer broke the protocol: half-close after the queue. */
		SHUTDOWN_OUTPUT_AFTER_FLUSH,

		/** Nothing: the connection is already closing. */
		NOTHING

	}

	private volatile Phase phase = Phase.OPEN;

	/** Whether the pending reply is to a violation, so it says why (§7.1.7). */
	private boolean failed;

	/** Whether the socket is half-closed after the reply, to let the peer read it (§7.1.7). */
	private boolean halfClose;

	private @Nullable CloseStatus status;

	private @Nullable CloseCategory category;

	/** When the close started, for the close timeout; meaningful once the phase is not OPEN. */
	private volatile long closingSince;

	/** Whether application messages may still be queued: until our close frame is (§5.5.1). */
	boolean isSendable() {
		Phase phase = this.phase;
		return phase == Phase.OPEN || phase == Phase.REPLY_PENDING;
	}

	Phase phase() {
		return this.phase;
	}

	long closingSince() {
		return this.closingSince;
	}

	/**
	 * Starts the close from our side, if nothing did before: the status is recorded and
	 * {@code queueCloseFrame} runs before any other thread sees the session closed. Any thread.
	 * @param category how to count the close, or null to class it by its code
	 * @return whether this call started the close
	 */
	synchronized boolean startClose(int code, String reason, @Nullable CloseCategory category, Runnable queueCloseFrame) {
		if (this.phase != Phase.OPEN) {
			return false;
		}
		record(code, reason, category);
		// Closed to senders before the frame is queued: one that still saw the session open is
		// told false by the sender if its frame lands behind ours.
		enter(Phase.CLOSE_SENT);
		queueCloseFrame.run();
		return true;
	}

	/** The peer's close frame arrived (§5.5.1). I/O thread. */
	synchronized Next peerClosed(int code, String reason) {
		record(code, reason, null);
		return switch (this.phase) {
			case OPEN -> {
				enter(Phase.REPLY_PENDING);
				yield Next.REPLY_AFTER_EVENTS;
			}
			case CLOSE_SENT -> {
				enter(Phase.CLOSING);
				yield Next.CLOSE_AFTER_FLUSH;
			}
			default -> Next.NOTHING;
		};
	}

	/**
	 * The peer broke the protocol (§7.1.7). I/O thread.
	 * @param inCloseFrame whether the violation was in the peer's close frame: it sends nothing
	 * more, so the socket is closed after our close frame instead of half-closed
	 */
	synchronized Next violation(int code, String reason, boolean inCloseFrame) {
		record(code, reason, null);
		return switch (this.phase) {
			case OPEN -> {
				this.failed = true;
				this.halfClose = !inCloseFrame;
				enter(Phase.REPLY_PENDING);
				yield Next.REPLY_AFTER_EVENTS;
			}
			case CLOSE_SENT -> {
				enter(Phase.CLOSING);
				yield inCloseFrame ? Next.CLOSE_AFTER_FLUSH : Next.SHUTDOWN_OUTPUT_AFTER_FLUSH;
			}
			default -> Next.NOTHING;
		};
	}

	/** Our answer to the peer's close or violation, queued once the handler saw every event before it. */
	record Reply(int code, String reason, boolean halfClose) {
	}

	/**
	 * The handler has seen every event before the peer's close or violation: takes the reply to
	 * queue, or null if the connection closed meanwhile. Any thread.
	 */
	synchronized @Nullable Reply takeReply() {
		if (this.phase != Phase.REPLY_PENDING) {
			return null;
		}
		enter(Phase.CLOSING);
		// §5.5.1: a reply to the peer's close echoes its code; a failure says why (§7.1.7).
		return new Reply(this.status.code(), this.failed ? this.status.reason() : "", this.halfClose);
	}

	/**
	 * The connection ended without the close handshake finishing, for this reason (a timeout,
	 * a lost pong). Only the first reason counts.
	 */
	synchronized void abandon(int code, String reason, CloseCategory category) {
		record(code, reason, category);
		if (this.phase != Phase.CLOSED) {
			enter(Phase.CLOSING);
		}
	}

	/** The socket closed: the status and category the application and metrics are told. */
	synchronized Outcome closed() {
		this.phase = Phase.CLOSED;
		CloseStatus status = (this.status != null) ? this.status : new CloseStatus(CloseStatus.ABNORMAL, "");
		CloseCategory category = (this.category != null) ? this.category : CloseCategory.of(status.code());
		return new Outcome(status, category);
	}

	record Outcome(CloseStatus status, CloseCategory category) {
	}

	/** The first reason wins, its status and category together. */
	private void record(int code, String reason, @Nullable CloseCategory category) {
		if (this.status == null) {
			this.status = new CloseStatus(code, reason);
			this.category = category;
		}
	}

	private void enter(Phase next) {
		if (this.phase == Phase.OPEN) {
			this.closingSince = System.nanoTime();
		}
		this.phase = next;
	}

}
