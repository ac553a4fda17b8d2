/**
 * Auto-configuration of Lua script endpoints: the {@code ws.lua.*} properties, the endpoint beans,
 * the {@code ws.lua.errors} counter and the analysis of scripts that fail to start.
 */
@NullMarked
package dev.wsboot.lua.autoconfigure;

import org.jspecify.annotations.NullMarked;
