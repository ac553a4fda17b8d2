package dev.wsboot.lua;

import org.jspecify.annotations.Nullable;

/**
 * A script could not be started: it could not be read, does not compile, failed while it ran its
 * top level or {@code on_startup}, or lacks {@code main}. Names the property that points at it and,
 * where there is one, the line.
 */
public class LuaScriptException extends RuntimeException {

	private final String property;

	private final @Nullable Integer line;

	public LuaScriptException(String property, String message, @Nullable Integer line) {
		super(property + ": " + message);
		this.property = property;
		this.line = line;
	}

	/** The property that names the script, such as {@code ws.lua.endpoints[0].script}. */
	public String getProperty() {
		return this.property;
	}

	/** The line of the script at fault, or null when the fault is not on a line. */
	public @Nullable Integer getLine() {
		return this.line;
	}

}
