package dev.wsboot.engine;

import static dev.wsboot.engine.Settings.check;

/**
 * What shields a public server from abusive clients: a bound on upgrades still in progress, and
 * per-client limits that are off unless set. A part of {@link WsServerConfig}.
 *
 * @param maxPendingHandshakes connections that may be in the upgrade at once; past it the oldest
 * pending upgrade is dropped, not the newcomer, so clients that trickle their request (slowloris)
 * cannot lock real clients out. Keep it well below the process's file descriptor limit
 * @param maxConnectionsPerAddress open connections allowed from one remote address; further
 * upgrades from it get 429; 0 for no limit
 * @param maxMessagesPerSecond messages one connection may send per second, with bursts up to a
 * second's worth; past it the connection is closed with 1008; 0 for no limit
 * @param maxBytesPerSecond message payload bytes one connection may send per second, with bursts up
 * to a second's worth; past it the connection is closed with 1008; 0 for no limit
 */
public record ProtectionConfig(int maxPendingHandshakes, int maxConnectionsPerAddress, long maxMessagesPerSecond,
		long maxBytesPerSecond) {

	/** 1,000 pending upgrades; no per-client limits. */
	public static final ProtectionConfig DEFAULT = new ProtectionConfig(1000, 0, 0, 0);

	/**
	 * @throws InvalidSettingException naming the setting whose value is out of range
	 */
	public ProtectionConfig {
		check(maxPendingHandshakes >= 1, "maxPendingHandshakes", maxPendingHandshakes, "must be at least 1");
		check(maxConnectionsPerAddress >= 0, "maxConnectionsPerAddress", maxConnectionsPerAddress,
				"must not be negative (zero turns it off)");
		check(maxMessagesPerSecond >= 0, "maxMessagesPerSecond", maxMessagesPerSecond,
				"must not be negative (zero turns it off)");
		check(maxBytesPerSecond >= 0, "maxBytesPerSecond", maxBytesPerSecond, "must not be negative (zero turns it off)");
	}

	/** Whether connections are rate limited at all, so unlimited ones never read the clock for it. */
	public boolean limitsRates() {
		return this.maxMessagesPerSecond > 0 || this.maxBytesPerSecond > 0;
	}

	public static Builder builder() {
		return DEFAULT.toBuilder();
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Changes some settings of a {@link ProtectionConfig}; {@link #build()} checks them. */
	public static final class Builder {

		private int maxPendingHandshakes;

		private int maxConnectionsPerAddress;

		private long maxMessagesPerSecond;

		private long maxBytesPerSecond;

		private Builder(ProtectionConfig from) {
			this.maxPendingHandshakes = from.maxPendingHandshakes;
			this.maxConnectionsPerAddress = from.maxConnectionsPerAddress;
			this.maxMessagesPerSecond = from.maxMessagesPerSecond;
			this.maxBytesPerSecond = from.maxBytesPerSecond;
		}

		public Builder maxPendingHandshakes(int maxPendingHandshakes) {
			this.maxPendingHandshakes = maxPendingHandshakes;
			return this;
		}

		public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
			return this;
		}

		public Builder maxMessagesPerSecond(long maxMessagesPerSecond) {
			this.maxMessagesPerSecond = maxMessagesPerSecond;
			return this;
		}

		public Builder maxBytesPerSecond(long maxBytesPerSecond) {
			this.maxBytesPerSecond = maxBytesPerSecond;
			return this;
		}

		/** @throws InvalidSettingException naming the setting whose value is out of range */
		public ProtectionConfig build() {
			return new ProtectionConfig(this.maxPendingHandshakes, this.maxConnectionsPerAddress,
					this.maxMessagesPerSecond, this.maxBytesPerSecond);
		}

	}

}
