package dev.wsboot.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import dev.wsboot.annotation.HandlerTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * {@code ws.handler.duration}: time spent in controller methods, by path and event. Each timer is
 * created once per endpoint and event when the server starts. {@code @OnMessage} calls are timed
 * only when asked for ({@code ws.metrics.message-duration}): reading the clock twice per message
 * and recording a timer costs a fifth of a small message's handling.
 */
public class MicrometerHandlerTimers implements HandlerTimers {

	/** The event name of {@code @OnMessage} calls. */
	static final String MESSAGE = "message";

	private final MeterRegistry registry;

	private final boolean messages;

	/** Times connects and disconnects; messages too if {@code messages}. */
	public MicrometerHandlerTimers(MeterRegistry registry, boolean messages) {
		this.registry = registry;
		this.messages = messages;
	}

	@Override
	public @Nullable LongConsumer timer(String path, String event) {
		if (MESSAGE.equals(event) && !this.messages) {
			return null;
		}
		Timer timer = Timer.builder("ws.handler.duration")
			.description("Time spent in @WsController methods")
			.tag("path", path)
			.tag("event", event)
			.register(this.registry);
		return (nanos) -> timer.record(nanos, TimeUnit.NANOSECONDS);
	}

}
