package dev.wsboot.lua;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import org.springframework.core.io.Resource;

/**
 * One script and its Lua state, shared by every client of its endpoint, as the script's global
 * tables (players, rooms) expect. Calls into it are serialized by a lock, each with a fresh
 * instruction budget. An error in a call, or a limit reached, is logged with the script's name and
 * line and counted; the call ends and the server goes on. With reload on, a call that finds the
 * script's file changed first loads it afresh (a new state, top level and {@code on_startup} run
 * again); a changed file that does not load is logged and the previous version stays.
 */
final class LuaScript {

	private static final Log logger = LogFactory.getLog(LuaScript.class);

	/** LuaJ's syntax errors name the chunk as {@code [string "name"]:line: message}. */
	private static final Pattern SYNTAX_ERROR = Pattern.compile("^\\[string \"(.*)\"\\]:(\\d+): (.*)$", Pattern.DOTALL);

	/** Runtime errors start with {@code name:line}. */
	private static final Pattern RUNTIME_LINE = Pattern.compile("^.*?:(\\d+)[: ]");

	private final LuaEndpoints.Definition definition;

	private final String name;

	private final LuaLimits limits;

	private final boolean reload;

	private final Consumer<Globals> functions;

	private final LuaErrorCounter errors;

	private final ReentrantLock lock = new ReentrantLock();

	private Globals globals;

	private CallGuard guard;

	private long loadedModified;

	LuaScript(LuaEndpoints.Definition definition, LuaLimits limits, boolean reload, Consumer<Globals> functions,
			LuaErrorCounter errors) {
		this.definition = definition;
		this.name = nameOf(definition.script());
		this.limits = limits;
		this.reload = reload;
		this.functions = functions;
		this.errors = errors;
		this.loadedModified = lastModified();
		load();
	}

	/** The name errors and logs give the script: its file name. */
	static String nameOf(Resource script) {
		String filename = script.getFilename();
		return (filename != null) ? filename : script.getDescription();
	}

	String name() {
		return this.name;
	}

	/** Compiles the script into a new state and runs its top level; the state replaces the old one. */
	private void load() {
		CallGuard guard = new CallGuard(this.limits);
		Globals globals = LuaSandbox.create(guard);
		this.functions.accept(globals);
		LuaValue chunk;
		try (Reader reader = new InputStreamReader(this.definition.script().getInputStream(), StandardCharsets.UTF_8)) {
			chunk = globals.load(reader, this.name);
		}
		catch (IOException ex) {
			throw failure(this.definition.script().getDescription() + " could not be read: " + ex.getMessage(), null);
		}
		catch (LuaError ex) {
			Matcher syntax = SYNTAX_ERROR.matcher(String.valueOf(ex.getMessage()));
			if (syntax.matches()) {
				throw failure(syntax.group(1) + ":" + syntax.group(2) + ": syntax error: " + syntax.group(3),
						Integer.valueOf(syntax.group(2)));
			}
			throw failure(this.name + ": " + ex.getMessage(), null);
		}
		run(guard, globals, "the top level", chunk, LuaValue.NONE, true);
		if (!globals.get("main").isfunction()) {
			throw failure(this.name + " defines no function main(clientId, message)", null);
		}
		this.guard = guard;
		this.globals = globals;
	}

	/** Runs {@code on_startup} if the script defines it; an error there fails the start. */
	void startup() {
		this.lock.lock();
		try {
			invoke("on_startup", LuaValue.NONE, false, true);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Calls one of the script's functions.
	 * @return whether the script defines it
	 */
	boolean call(String function, Varargs args) {
		this.lock.lock();
		try {
			reloadIfChanged();
			return invoke(function, args, "main".equals(function), false);
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean invoke(String function, Varargs args, boolean required, boolean fatal) {
		LuaValue target = this.globals.get(function);
		if (!target.isfunction()) {
			if (required) {
				scriptError(function, this.name + ": " + function + " is not a function", null);
			}
			return false;
		}
		run(this.guard, this.globals, function, target, args, fatal);
		return true;
	}

	private void run(CallGuard guard, Globals globals, String what, LuaValue function, Varargs args,
			boolean fatal) {
		guard.reset();
		LuaSandbox.enter(globals);
		try {
			function.invoke(args);
		}
		catch (LuaError ex) {
			String message = String.valueOf(ex.getMessage()).strip();
			if (fatal) {
				String first = message.lines().findFirst().orElse(message);
				throw failure(this.name + " failed in " + what + ": " + first, line(first));
			}
			scriptError(what, message, ex);
		}
		catch (StackOverflowError ex) {
			if (fatal) {
				throw failure(this.name + " failed in " + what + ": stack overflow", null);
			}
			scriptError(what, this.name + ": stack overflow", null);
		}
		finally {
			LuaSandbox.exit();
			guard.reset();
		}
	}

	private void scriptError(String function, String message, @Nullable LuaError error) {
		this.errors.increment(this.definition.path());
		String detail = (error != null && error.getCause() != null) ? " (" + error.getCause() + ")" : "";
		logger.warn("Lua script " + this.name + " on " + this.definition.path() + " failed in " + function + ": "
				+ message + detail);
	}

	private void reloadIfChanged() {
		if (!this.reload) {
			return;
		}
		long modified = lastModified();
		if (modified == this.loadedModified) {
			return;
		}
		this.loadedModified = modified;
		Globals previous = this.globals;
		CallGuard previousGuard = this.guard;
		try {
			load();
			invoke("on_startup", LuaValue.NONE, false, true);
			logger.info("Lua script " + this.name + " on " + this.definition.path() + " reloaded");
		}
		catch (LuaScriptException ex) {
			this.globals = previous;
			this.guard = previousGuard;
			this.errors.increment(this.definition.path());
			logger.warn("Lua script " + this.name + " on " + this.definition.path()
					+ " changed but did not load; the previous version goes on: " + ex.getMessage());
		}
	}

	private long lastModified() {
		if (!this.reload) {
			return 0;
		}
		try {
			return this.definition.script().lastModified();
		}
		catch (IOException ex) {
			return this.loadedModified;
		}
	}

	private LuaScriptException failure(String message, @Nullable Integer line) {
		return new LuaScriptException(this.definition.property(), message, line);
	}

	private static @Nullable Integer line(String message) {
		Matcher matcher = RUNTIME_LINE.matcher(message);
		return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
	}

}
