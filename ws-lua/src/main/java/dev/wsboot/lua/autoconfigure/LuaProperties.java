package dev.wsboot.lua.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.lua.LuaLimits;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Lua script endpoints, bound to {@code ws.lua.*}. The defaults are {@link LuaLimits#DEFAULT}'s,
 * written here too only for the IDE metadata; a test keeps them equal.
 */
@ConfigurationProperties("ws.lua")
public class LuaProperties {

	/**
	 * Endpoints served by Lua scripts, each a path and its script.
	 */
	private List<Endpoint> endpoints = new ArrayList<>();

	/**
	 * Largest number of Lua VM instructions one call into a script (one message, connect,
	 * disconnect or hook) may run; past it the call is stopped with an error.
	 */
	private long maxInstructionsPerCall = 1_000_000;

	/**
	 * Largest string a script may build with string.rep, the .. operator or table.concat.
	 */
	private DataSize maxStringSize = DataSize.ofMegabytes(4);

	/**
	 * Number of slots (array part and hash part) past which a table takes no new key.
	 */
	private int maxTableSize = 1_000_000;

	/**
	 * Whether a call that finds its script's file changed loads it afresh first (for development):
	 * a new Lua state, its top level and on_startup run again.
	 */
	private boolean reload;

	public List<Endpoint> getEndpoints() {
		return this.endpoints;
	}

	public void setEndpoints(List<Endpoint> endpoints) {
		this.endpoints = endpoints;
	}

	public long getMaxInstructionsPerCall() {
		return this.maxInstructionsPerCall;
	}

	public void setMaxInstructionsPerCall(long maxInstructionsPerCall) {
		this.maxInstructionsPerCall = maxInstructionsPerCall;
	}

	public DataSize getMaxStringSize() {
		return this.maxStringSize;
	}

	public void setMaxStringSize(DataSize maxStringSize) {
		this.maxStringSize = maxStringSize;
	}

	public int getMaxTableSize() {
		return this.maxTableSize;
	}

	public void setMaxTableSize(int maxTableSize) {
		this.maxTableSize = maxTableSize;
	}

	public boolean isReload() {
		return this.reload;
	}

	public void setReload(boolean reload) {
		this.reload = reload;
	}

	/** One Lua endpoint. */
	public static class Endpoint {

		/**
		 * Path of the endpoint, starting with '/'.
		 */
		private @Nullable String path;

		/**
		 * Location of the script, such as 'classpath:game.lua' or 'file:scripts/game.lua'.
		 */
		private @Nullable Resource script;

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public @Nullable Resource getScript() {
			return this.script;
		}

		public void setScript(@Nullable Resource script) {
			this.script = script;
		}

	}

}
