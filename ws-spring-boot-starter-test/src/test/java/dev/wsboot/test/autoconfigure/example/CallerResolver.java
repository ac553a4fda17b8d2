package dev.wsboot.test.autoconfigure.example;

import dev.wsboot.annotation.WsArgumentResolver;
import dev.wsboot.engine.WsSession;

import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;

/** A component that shapes the WebSocket layer, so the slice keeps it. */
@Component
public class CallerResolver implements WsArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WsSession session, Object payload) {
		String name = session.requestHeader("X-Caller");
		return new Caller((name != null) ? name : "anonymous");
	}

}
