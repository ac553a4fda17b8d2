package dev.wsboot.lua.autoconfigure;

import dev.wsboot.lua.LuaErrorCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code ws.lua.errors}, tagged with the endpoint's {@code path}. */
class MicrometerLuaErrorCounter implements LuaErrorCounter {

	private final MeterRegistry registry;

	MicrometerLuaErrorCounter(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void increment(String path) {
		// Looked up per error, not per message: the registry returns the one counter of a path.
		Counter.builder("ws.lua.errors")
			.description("Errors of Lua scripts in calls, and limits they reached")
			.tag("path", path)
			.register(this.registry)
			.increment();
	}

}
