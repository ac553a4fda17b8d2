package dev.wsboot.lua.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code ws.lua.endpoints} has at least one entry, in any property source's form. */
class OnLuaEndpointsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		List<LuaEndpointRegistrar.Entry> entries = LuaEndpointRegistrar.entries(context.getEnvironment());
		return entries.isEmpty() ? ConditionOutcome.noMatch("no ws.lua.endpoints")
				: ConditionOutcome.match(entries.size() + " ws.lua.endpoints");
	}

}
