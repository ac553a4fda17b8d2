package dev.wsboot.engine;

import java.time.Duration;

import static dev.wsboot.engine.Settings.checkNotNegative;
import static dev.wsboot.engine.Settings.checkPositive;

/**
 * How long the server waits for a client at each stage of a connection, and how it checks that an
 * open one is still there. A part of {@link WsServerConfig}. The I/O threads check deadlines on a
 * tick of a quarter of the shortest of these, so a timeout fires at most 25% late.
 *
 * @param handshakeTimeout time for a client to complete the upgrade request after connecting
 * @param idleTimeout time without any received byte after which the server closes with 1001; zero
 * for never
 * @param closeTimeout time to wait for the client's close frame after sending ours, before dropping
 * the connection
 * @param pingInterval interval of keep-alive pings sent by the server; zero for none
 * @param pongTimeout time to wait for the pong to a keep-alive ping before dropping the connection
 */
public record TimeoutConfig(Duration handshakeTimeout, Duration idleTimeout, Duration closeTimeout,
		Duration pingInterval, Duration pongTimeout) {

	/** 10 s for the upgrade, no idle timeout, 5 s for the close, no pings (30 s for a pong when on). */
	public static final TimeoutConfig DEFAULT = new TimeoutConfig(Duration.ofSeconds(10), Duration.ZERO,
			Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(30));

	/**
	 * @throws InvalidSettingException naming the setting whose value is out of range
	 */
	public TimeoutConfig {
		checkPositive(handshakeTimeout, "handshakeTimeout");
		checkNotNegative(idleTimeout, "idleTimeout");
		checkPositive(closeTimeout, "closeTimeout");
		checkNotNegative(pingInterval, "pingInterval");
		checkPositive(pongTimeout, "pongTimeout");
	}

	public static Builder builder() {
		return DEFAULT.toBuilder();
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Changes some settings of a {@link TimeoutConfig}; {@link #build()} checks them. */
	public static final class Builder {

		private Duration handshakeTimeout;

		private Duration idleTimeout;

		private Duration closeTimeout;

		private Duration pingInterval;

		private Duration pongTimeout;

		private Builder(TimeoutConfig from) {
			this.handshakeTimeout = from.handshakeTimeout;
			this.idleTimeout = from.idleTimeout;
			this.closeTimeout = from.closeTimeout;
			this.pingInterval = from.pingInterval;
			this.pongTimeout = from.pongTimeout;
		}

		public Builder handshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
			return this;
		}

		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
			return this;
		}

		public Builder closeTimeout(Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
			return this;
		}

		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
			return this;
		}

		public Builder pongTimeout(Duration pongTimeout) {
			this.pongTimeout = pongTimeout;
			return this;
		}

		/** @throws InvalidSettingException naming the setting whose value is out of range */
		public TimeoutConfig build() {
			return new TimeoutConfig(this.handshakeTimeout, this.idleTimeout, this.closeTimeout, this.pingInterval,
					this.pongTimeout);
		}

	}

}
