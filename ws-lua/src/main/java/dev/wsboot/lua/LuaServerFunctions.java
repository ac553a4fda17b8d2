package dev.wsboot.lua;

import java.util.Arrays;

import dev.wsboot.broadcast.WsBroadcaster;
import org.apache.commons.logging.Log;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.ThreeArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The server's functions in a script's state, each a call on the {@link WsBroadcaster} (so with a
 * cluster they reach every node): {@code _send}, {@code _sendAll} (the clients of the script's own
 * path), {@code _sendBinary}, {@code _sendAllBinary}, {@code _sendGroup}, {@code _join},
 * {@code _leave}, {@code _close}, {@code _log}, and {@code print} as {@code _log}. Text goes out as
 * the UTF-8 the Lua string holds; binary data is a Lua string of bytes.
 */
final class LuaServerFunctions {

	private LuaServerFunctions() {
	}

	static void install(Globals globals, WsBroadcaster clients, String path, String script, Log log) {
		globals.rawset("_send", new TwoArgFunction() {
			@Override
			public LuaValue call(LuaValue clientId, LuaValue message) {
				return valueOf(clients.send(clientId.checklong(), message.checkjstring()));
			}
		});
		globals.rawset("_sendBinary", new TwoArgFunction() {
			@Override
			public LuaValue call(LuaValue clientId, LuaValue data) {
				return valueOf(clients.send(clientId.checklong(), bytes(data)));
			}
		});
		globals.rawset("_sendAll", new OneArgFunction() {
			@Override
			public LuaValue call(LuaValue message) {
				return valueOf(clients.sendToPath(path, message.checkjstring()));
			}
		});
		globals.rawset("_sendAllBinary", new OneArgFunction() {
			@Override
			public LuaValue call(LuaValue data) {
				return valueOf(clients.sendToPath(path, bytes(data)));
			}
		});
		globals.rawset("_sendGroup", new TwoArgFunction() {
			@Override
			public LuaValue call(LuaValue group, LuaValue message) {
				return valueOf(clients.sendToGroup(group.checkjstring(), message.checkjstring()));
			}
		});
		globals.rawset("_join", new TwoArgFunction() {
			@Override
			public LuaValue call(LuaValue group, LuaValue clientId) {
				return valueOf(clients.join(group.checkjstring(), clientId.checklong()));
			}
		});
		globals.rawset("_leave", new TwoArgFunction() {
			@Override
			public LuaValue call(LuaValue group, LuaValue clientId) {
				return valueOf(clients.leave(group.checkjstring(), clientId.checklong()));
			}
		});
		globals.rawset("_close", new ThreeArgFunction() {
			@Override
			public LuaValue call(LuaValue clientId, LuaValue code, LuaValue reason) {
				try {
					return valueOf(clients.close(clientId.checklong(), code.optint(1000), reason.optjstring("")));
				}
				catch (IllegalArgumentException ex) {
					throw new LuaError("bad argument to '_close' (" + ex.getMessage() + ")");
				}
			}
		});
		LuaValue logFunction = new VarArgFunction() {
			@Override
			public Varargs invoke(Varargs args) {
				StringBuilder line = new StringBuilder(script).append(": ");
				for (int i = 1; i <= args.narg(); i++) {
					line.append((i > 1) ? "\t" : "").append(args.arg(i).tojstring());
				}
				log.info(line);
				return NONE;
			}
		};
		globals.rawset("_log", logFunction);
		globals.rawset("print", logFunction);
	}

	/** A client id as Lua shows it: an integer, as in {@code "ClientID " .. clientId}. */
	static LuaValue clientId(long id) {
		return (id <= Integer.MAX_VALUE) ? LuaValue.valueOf((int) id) : LuaValue.valueOf((double) id);
	}

	/** The bytes of a Lua string, one byte per character: binary data. */
	private static byte[] bytes(LuaValue data) {
		LuaString string = data.checkstring();
		return Arrays.copyOfRange(string.m_bytes, string.m_offset, string.m_offset + string.m_length);
	}

}
