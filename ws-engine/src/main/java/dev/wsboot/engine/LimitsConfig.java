package dev.wsboot.engine;

import java.util.Objects;

import dev.wsboot.engine.WsServerConfig.SlowClientPolicy;

import static dev.wsboot.engine.Settings.check;

/**
 * How much one client may send, hold and open: message, frame and upgrade sizes, connections, the
 * bytes queued each way per session, and what happens when a client does not read. A part of
 * {@link WsServerConfig}; the frame decoder and the message assembler take it whole.
 *
 * @param maxMessageSize the largest message accepted over all its fragments, in bytes; larger ones
 * close with 1009
 * @param maxFrameSize the largest frame payload accepted, in bytes; larger frames close with 1009
 * @param maxHandshakeSize the largest upgrade request head accepted, in bytes; larger ones get 431
 * @param maxConnections open WebSocket connections allowed at once; further upgrades get 503
 * @param maxOutboundQueueSize bytes that may wait to be written to one client before the slow
 * client policy applies
 * @param maxInboundQueueSize bytes of received messages that may wait for the handler of one
 * session before reading pauses
 * @param slowClientPolicy what happens to a client whose outbound queue is full
 */
public record LimitsConfig(int maxMessageSize, int maxFrameSize, int maxHandshakeSize, int maxConnections,
		long maxOutboundQueueSize, long maxInboundQueueSize, SlowClientPolicy slowClientPolicy) {

	/**
	 * 1 MiB messages and frames, 8 KiB upgrade heads, 10,000 connections, 1 MiB queued each way,
	 * slow clients closed.
	 */
	public static final LimitsConfig DEFAULT = new LimitsConfig(1024 * 1024, 1024 * 1024, 8 * 1024, 10_000,
			1024 * 1024, 1024 * 1024, SlowClientPolicy.CLOSE);

	/**
	 * @throws InvalidSettingException naming the setting whose value is out of range
	 */
	public LimitsConfig {
		// Arrays are indexed by int; leave the JVM's usual headroom below Integer.MAX_VALUE.
		check(maxMessageSize >= 1 && maxMessageSize <= Integer.MAX_VALUE - 8, "maxMessageSize", maxMessageSize,
				"must be between 1 byte and 2 GiB");
		check(maxFrameSize >= 1 && maxFrameSize <= maxMessageSize, "maxFrameSize", maxFrameSize,
				"must be at least 1 byte and at most maxMessageSize (" + maxMessageSize + ")");
		check(maxHandshakeSize >= 256, "maxHandshakeSize", maxHandshakeSize, "must be at least 256 bytes");
		check(maxConnections >= 1, "maxConnections", maxConnections, "must be at least 1");
		check(maxOutboundQueueSize >= 1, "maxOutboundQueueSize", maxOutboundQueueSize, "must be at least 1 byte");
		check(maxInboundQueueSize >= 1, "maxInboundQueueSize", maxInboundQueueSize, "must be at least 1 byte");
		Objects.requireNonNull(slowClientPolicy, "slowClientPolicy must not be null");
	}

	public static Builder builder() {
		return DEFAULT.toBuilder();
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Changes some settings of a {@link LimitsConfig}; {@link #build()} checks them. */
	public static final class Builder {

		private int maxMessageSize;

		private int maxFrameSize;

		private int maxHandshakeSize;

		private int maxConnections;

		private long maxOutboundQueueSize;

		private long maxInboundQueueSize;

		private SlowClientPolicy slowClientPolicy;

		private Builder(LimitsConfig from) {
			this.maxMessageSize = from.maxMessageSize;
			this.maxFrameSize = from.maxFrameSize;
			this.maxHandshakeSize = from.maxHandshakeSize;
			this.maxConnections = from.maxConnections;
			this.maxOutboundQueueSize = from.maxOutboundQueueSize;
			this.maxInboundQueueSize = from.maxInboundQueueSize;
			this.slowClientPolicy = from.slowClientPolicy;
		}

		public Builder maxMessageSize(int maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		public Builder maxFrameSize(int maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
			return this;
		}

		public Builder maxHandshakeSize(int maxHandshakeSize) {
			this.maxHandshakeSize = maxHandshakeSize;
			return this;
		}

		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		public Builder maxOutboundQueueSize(long maxOutboundQueueSize) {
			this.maxOutboundQueueSize = maxOutboundQueueSize;
			return this;
		}

		public Builder maxInboundQueueSize(long maxInboundQueueSize) {
			this.maxInboundQueueSize = maxInboundQueueSize;
			return this;
		}

		public Builder slowClientPolicy(SlowClientPolicy slowClientPolicy) {
			this.slowClientPolicy = slowClientPolicy;
			return this;
		}

		/** @throws InvalidSettingException naming the setting whose value is out of range */
		public LimitsConfig build() {
			return new LimitsConfig(this.maxMessageSize, this.maxFrameSize, this.maxHandshakeSize, this.maxConnections,
					this.maxOutboundQueueSize, this.maxInboundQueueSize, this.slowClientPolicy);
		}

	}

}
