package dev.wsboot.lua.autoconfigure;

import dev.wsboot.lua.LuaScriptException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link LuaScriptException}: which property, which script, which line. */
class LuaScriptFailureAnalyzer extends AbstractFailureAnalyzer<LuaScriptException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LuaScriptException cause) {
		String where = (cause.getLine() != null) ? " at line " + cause.getLine() : "";
		return new FailureAnalysis("A Lua endpoint could not start. " + cause.getMessage(),
				"Fix the script" + where + ", or point the '" + cause.getProperty() + "' property at another one.", cause);
	}

}
