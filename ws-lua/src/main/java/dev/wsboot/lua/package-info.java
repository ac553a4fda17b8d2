/**
 * WebSocket endpoints written as Lua scripts: one sandboxed LuaJ state per endpoint, the script's
 * {@code main}, {@code on_connect}, {@code on_disconnect}, {@code on_binary}, {@code on_startup} and
 * {@code on_shutdown} called from the server, and {@code _send}, {@code _sendAll} and the other
 * server functions given to the script.
 */
@NullMarked
package dev.wsboot.lua;

import org.jspecify.annotations.NullMarked;
