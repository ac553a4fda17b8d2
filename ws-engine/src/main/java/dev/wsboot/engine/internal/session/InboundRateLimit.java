package dev.wsboot.engine.internal.session;

/**
 * Token buckets for one connection's inbound messages and bytes per second: each holds up to one
 * second's allowance and refills continuously, so a client may burst up to its rate and no more.
 * A message is admitted while its bucket is not in debt, and its whole size is taken even past
 * zero: one message larger than a second's allowance still passes, and the ones after it wait
 * until the debt is paid. I/O thread only.
 */
final class InboundRateLimit {

	private static final long SECOND = 1_000_000_000L;

	private final Bucket messages;

	private final Bucket bytes;

	/** @param messagesPerSecond 0 for no message limit; bytesPerSecond 0 for no byte limit */
	InboundRateLimit(long messagesPerSecond, long bytesPerSecond, long now) {
		this.messages = (messagesPerSecond > 0) ? new Bucket(messagesPerSecond, now) : null;
		this.bytes = (bytesPerSecond > 0) ? new Bucket(bytesPerSecond, now) : null;
	}

	/** The limit a message broke, if any. */
	enum Breach {

		NONE, MESSAGES, BYTES

	}

	/** Takes one message of this many payload bytes from the buckets. */
	Breach admit(int size, long now) {
		if (this.messages != null && !this.messages.take(1, now)) {
			return Breach.MESSAGES;
		}
		if (this.bytes != null && !this.bytes.take(size, now)) {
			return Breach.BYTES;
		}
		return Breach.NONE;
	}

	private static final class Bucket {

		private final long perSecond;

		/** Tokens left, fractional while refilling, negative while in debt. */
		private double tokens;

		private long refilledAt;

		Bucket(long perSecond, long now) {
			this.perSecond = perSecond;
			this.tokens = perSecond;
			this.refilledAt = now;
		}

		boolean take(long amount, long now) {
			long elapsed = now - this.refilledAt;
			if (elapsed > 0) {
				this.tokens = Math.min(this.perSecond, this.tokens + (double) elapsed * this.perSecond / SECOND);
				this.refilledAt = now;
			}
			if (this.tokens < 0) {
				return false;
			}
			this.tokens -= amount;
			return true;
		}

	}

}
