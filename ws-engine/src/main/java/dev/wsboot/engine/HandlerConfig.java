package dev.wsboot.engine;

import java.util.Objects;

import dev.wsboot.engine.WsServerConfig.HandlerExecution;

import static dev.wsboot.engine.Settings.check;

/**
 * Where handler code runs. A part of {@link WsServerConfig}. Its settings are named with a
 * {@code handler} prefix when one is refused ({@code handlerThreads}), as the Spring Boot
 * properties {@code ws.handler-*} are.
 *
 * @param execution on the handler executor (handlers may block) or on the I/O threads (fastest;
 * handlers must never block)
 * @param threads size of the bounded handler pool used where virtual threads are not: by the
 * engine's own executor on Java 17 to 20 (when no executor is given to {@link WsServer.Builder}),
 * and by the Spring Boot starter unless virtual threads are enabled. A bounded pool keeps a burst
 * of slow handlers from taking unbounded platform threads.
 */
public record HandlerConfig(HandlerExecution execution, int threads) {

	/** On the handler executor, a pool of 16 threads where virtual threads are not used. */
	public static final HandlerConfig DEFAULT = new HandlerConfig(HandlerExecution.EXECUTOR, 16);

	/**
	 * @throws InvalidSettingException naming the setting whose value is out of range
	 */
	public HandlerConfig {
		Objects.requireNonNull(execution, "handlerExecution must not be null");
		check(threads >= 1, "handlerThreads", threads, "must be at least 1");
	}

	public static Builder builder() {
		return DEFAULT.toBuilder();
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Whether handlers run on the I/O threads, without a thread hop. */
	public boolean onIoThread() {
		return this.execution == HandlerExecution.IO_THREAD;
	}

	/** Changes some settings of a {@link HandlerConfig}; {@link #build()} checks them. */
	public static final class Builder {

		private HandlerExecution execution;

		private int threads;

		private Builder(HandlerConfig from) {
			this.execution = from.execution;
			this.threads = from.threads;
		}

		public Builder execution(HandlerExecution execution) {
			this.execution = execution;
			return this;
		}

		public Builder threads(int threads) {
			this.threads = threads;
			return this;
		}

		/** @throws InvalidSettingException naming the setting whose value is out of range */
		public HandlerConfig build() {
			return new HandlerConfig(this.execution, this.threads);
		}

	}

}
