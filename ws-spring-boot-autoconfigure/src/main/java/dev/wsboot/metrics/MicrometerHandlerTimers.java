package dev.wsboot.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import dev.wsboot.annotation.HandlerTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code ws.handler.duration}: time spent in controller methods, by path and event. Each timer is
 * created once per endpoint and event when the server starts.
 */
public class MicrometerHandlerTimers implements HandlerTimers {

	private final MeterRegistry registry;

	public MicrometerHandlerTimers(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public LongConsumer timer(String path, String event) {
		Timer timer = Timer.builder("ws.handler.duration")
			.description("Time spent in @WsController methods")
			.tag("path", path)
			.tag("event", event)
			.register(this.registry);
		return (nanos) -> timer.record(nanos, TimeUnit.NANOSECONDS);
	}

}
