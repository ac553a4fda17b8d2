package dev.wsboot.engine;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Immutable server settings, composed of small parts that each hold their own defaults and checks
 * (as Netty's {@code WebSocketDecoderConfig} sits inside its {@code WebSocketServerProtocolConfig}):
 * {@link NetworkConfig}, {@link LimitsConfig}, {@link TimeoutConfig}, {@link CompressionConfig},
 * {@link HandlerConfig} and {@link ProtectionConfig}. Start from {@link #DEFAULT} and change what you need:
 * {@code WsServerConfig.builder().network((network) -> network.port(0)).build()}.
 *
 * <p>Every default of the engine lives in the parts' {@code DEFAULT}s, including the size of the
 * bounded handler pool; the Spring Boot properties map onto the parts and their defaults are tested
 * to equal these.
 *
 * @param network where the server listens and who may connect
 * @param limits how much one client may send, hold and open
 * @param timeouts how long the server waits for a client
 * @param compression the permessage-deflate extension
 * @param handlers where handler code runs
 * @param protection what shields the server from abusive clients
 */
public record WsServerConfig(NetworkConfig network, LimitsConfig limits, TimeoutConfig timeouts,
		CompressionConfig compression, HandlerConfig handlers, ProtectionConfig protection) {

	/** Where handler code runs. */
	public enum HandlerExecution {

		/**
		 * On the handler executor (virtual threads where the JVM has them), one event at a time per
		 * session. Handlers may block.
		 */
		EXECUTOR,

		/**
		 * On the session's I/O thread, with no thread hop. Fastest; a handler that blocks stalls every
		 * connection of that thread.
		 */
		IO_THREAD

	}

	/** What to do when a client does not read and its outbound queue is full. */
	public enum SlowClientPolicy {

		/** Close the connection with 1008 (policy violation); counted and logged. */
		CLOSE,

		/** Refuse the new message (the send returns false) and keep the connection; counted and logged. */
		DROP

	}

	public static final WsServerConfig DEFAULT = new WsServerConfig(NetworkConfig.DEFAULT, LimitsConfig.DEFAULT,
			TimeoutConfig.DEFAULT, CompressionConfig.DEFAULT, HandlerConfig.DEFAULT, ProtectionConfig.DEFAULT);

	public WsServerConfig {
		Objects.requireNonNull(network, "network must not be null");
		Objects.requireNonNull(limits, "limits must not be null");
		Objects.requireNonNull(timeouts, "timeouts must not be null");
		Objects.requireNonNull(compression, "compression must not be null");
		Objects.requireNonNull(handlers, "handlers must not be null");
		Objects.requireNonNull(protection, "protection must not be null");
	}

	public static Builder builder() {
		return DEFAULT.toBuilder();
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Builds a {@link WsServerConfig} part by part: replace a part, or change some of its settings
	 * with {@code limits((limits) -> limits.maxMessageSize(4096))}. {@link #build()} checks every
	 * value and names the one that is wrong.
	 */
	public static final class Builder {

		private NetworkConfig.Builder network;

		private LimitsConfig.Builder limits;

		private TimeoutConfig.Builder timeouts;

		private CompressionConfig.Builder compression;

		private HandlerConfig.Builder handlers;

		private ProtectionConfig.Builder protection;

		private Builder(WsServerConfig from) {
			network(from.network);
			limits(from.limits);
			timeouts(from.timeouts);
			compression(from.compression);
			handlers(from.handlers);
			protection(from.protection);
		}

		public Builder network(NetworkConfig network) {
			this.network = network.toBuilder();
			return this;
		}

		public Builder network(Consumer<NetworkConfig.Builder> changes) {
			changes.accept(this.network);
			return this;
		}

		public Builder limits(LimitsConfig limits) {
			this.limits = limits.toBuilder();
			return this;
		}

		public Builder limits(Consumer<LimitsConfig.Builder> changes) {
			changes.accept(this.limits);
			return this;
		}

		public Builder timeouts(TimeoutConfig timeouts) {
			this.timeouts = timeouts.toBuilder();
			return this;
		}

		public Builder timeouts(Consumer<TimeoutConfig.Builder> changes) {
			changes.accept(this.timeouts);
			return this;
		}

		public Builder compression(CompressionConfig compression) {
			this.compression = compression.toBuilder();
			return this;
		}

		public Builder compression(Consumer<CompressionConfig.Builder> changes) {
			changes.accept(this.compression);
			return this;
		}

		public Builder handlers(HandlerConfig handlers) {
			this.handlers = handlers.toBuilder();
			return this;
		}

		public Builder handlers(Consumer<HandlerConfig.Builder> changes) {
			changes.accept(this.handlers);
			return this;
		}

		public Builder protection(ProtectionConfig protection) {
			this.protection = protection.toBuilder();
			return this;
		}

		public Builder protection(Consumer<ProtectionConfig.Builder> changes) {
			changes.accept(this.protection);
			return this;
		}

		/**
		 * @throws InvalidSettingException naming the setting whose value is out of range
		 */
		public WsServerConfig build() {
			return new WsServerConfig(this.network.build(), this.limits.build(), this.timeouts.build(),
					this.compression.build(), this.handlers.build(), this.protection.build());
		}

	}

}
