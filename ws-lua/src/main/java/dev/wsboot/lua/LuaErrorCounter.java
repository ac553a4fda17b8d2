package dev.wsboot.lua;

/**
 * Counts the errors of scripts at run time (an error raised or a limit reached in a call), by
 * endpoint path: the {@code ws.lua.errors} counter when the application has a Micrometer registry.
 * Called from handler threads, concurrently for different endpoints.
 */
@FunctionalInterface
public interface LuaErrorCounter {

	LuaErrorCounter NONE = (path) -> {
	};

	void increment(String path);

}
