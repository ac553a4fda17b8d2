package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.TimeoutConfig;

/**
 * Liveness of one open connection: the idle timeout, and keep-alive pings whose pongs must come
 * back within the pong timeout (RFC 6455 §5.5.2, §5.5.3). Pure bookkeeping on the I/O thread; the
 * protocol acts on its verdicts.
 */
final class KeepAlive {

	enum Verdict {

		ALIVE, SEND_PING, IDLE_TIMEOUT, PONG_TIMEOUT

	}

	/** The server's settings, read at each check rather than copied: idle connections are many. */
	private final TimeoutConfig timeouts;

	private long lastReadAt;

	private long nextPingAt;

	/** When the unanswered keep-alive ping was sent; meaningful while {@link #pingOutstanding}. */
	private long pingSentAt;

	private boolean pingOutstanding;

	/** A zero ping interval means no keep-alive pings, a zero idle timeout no idle timeout. */
	KeepAlive(TimeoutConfig timeouts, long now) {
		this.timeouts = timeouts;
		this.lastReadAt = now;
		this.nextPingAt = now + timeouts.pingInterval().toNanos();
	}

	void bytesRead(long now) {
		this.lastReadAt = now;
	}

	/** Whether nothing was read for longer than {@code nanos}. */
	boolean quietFor(long now, long nanos) {
		return now - this.lastReadAt > nanos;
	}

	/** Any pong counts as the answer: §5.5.3 allows an unsolicited one as a heartbeat. */
	void pongReceived() {
		this.pingOutstanding = false;
	}

	/** What the protocol must do at this tick; SEND_PING means a ping is now owed. */
	Verdict check(long now) {
		long idleNanos = this.timeouts.idleTimeout().toNanos();
		if (idleNanos > 0 && now - this.lastReadAt > idleNanos) {
			return Verdict.IDLE_TIMEOUT;
		}
		long pingIntervalNanos = this.timeouts.pingInterval().toNanos();
		if (pingIntervalNanos == 0) {
			return Verdict.ALIVE;
		}
		if (this.pingOutstanding && now - this.pingSentAt > this.timeouts.pongTimeout().toNanos()) {
			return Verdict.PONG_TIMEOUT;
		}
		if (now - this.nextPingAt >= 0) {
			this.nextPingAt = now + pingIntervalNanos;
			if (!this.pingOutstanding) {
				this.pingOutstanding = true;
				this.pingSentAt = now;
			}
			return Verdict.SEND_PING;
		}
		return Verdict.ALIVE;
	}

}
