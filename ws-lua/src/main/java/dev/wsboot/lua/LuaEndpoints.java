package dev.wsboot.lua;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.WsEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.LuaValue;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;

/**
 * The Lua endpoints of the application: loads every script when created (a script that does not
 * load fails the start with a {@link LuaScriptException}), runs their {@code on_startup} before the
 * WebSocket server accepts clients and their {@code on_shutdown} once it has stopped and every
 * client's {@code on_disconnect} has run.
 */
public final class LuaEndpoints implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LuaEndpoints.class);

	/**
	 * One endpoint as configured.
	 * @param property the property prefix that configures it, such as {@code ws.lua.endpoints[0]}
	 * @param path the endpoint's path
	 * @param script the script
	 */
	public record Definition(String property, @Nullable String path, @Nullable Resource script) {
	}

	private final List<LuaScript> scripts = new ArrayList<>();

	private final List<WsEndpoint> endpoints = new ArrayList<>();

	private final List<LuaWsHandler> handlers = new ArrayList<>();

	private final Duration shutdownTimeout;

	private volatile boolean running;

	/**
	 * @param shutdownTimeout how long to wait at shutdown for the last {@code on_disconnect} calls
	 */
	public LuaEndpoints(List<Definition> definitions, LuaLimits limits, boolean reload, WsBroadcaster clients,
			LuaErrorCounter errors, Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
		for (Definition definition : definitions) {
			String path = definition.path();
			Resource script = definition.script();
			if (path == null || !path.startsWith("/")) {
				throw new LuaScriptException(definition.property() + ".path",
						"a path starting with '/' is required, was " + path, null);
			}
			if (script == null) {
				throw new LuaScriptException(definition.property() + ".script", "a script location is required", null);
			}
			Definition checked = new Definition(definition.property() + ".script", path, script);
			LuaScript loaded = new LuaScript(checked, limits, reload,
					(globals) -> LuaServerFunctions.install(globals, clients, path, LuaScript.nameOf(script), logger), errors);
			LuaWsHandler handler = new LuaWsHandler(loaded);
			this.scripts.add(loaded);
			this.handlers.add(handler);
			this.endpoints.add(WsEndpoint.of(path, handler));
		}
	}

	/** The endpoint of the definition at this index. */
	public WsEndpoint endpoint(int index) {
		return this.endpoints.get(index);
	}

	public List<WsEndpoint> endpoints() {
		return List.copyOf(this.endpoints);
	}

	@Override
	public void start() {
		this.scripts.forEach(LuaScript::startup);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		for (int i = 0; i < this.scripts.size(); i++) {
			LuaScript script = this.scripts.get(i);
			try {
				if (!this.handlers.get(i).awaitNoSessions(this.shutdownTimeout)) {
					logger.warn("Lua script " + script.name() + ": on_shutdown runs before every on_disconnect ended");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			script.call("on_shutdown", LuaValue.NONE);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Starts before the WebSocket server and stops after it. */
	@Override
	public int getPhase() {
		return WsServerLifecycle.PHASE - 1;
	}

}
