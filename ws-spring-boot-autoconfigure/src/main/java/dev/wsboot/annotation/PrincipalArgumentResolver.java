package dev.wsboot.annotation;

import java.security.Principal;

import dev.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

/**
 * The session's authenticated principal ({@link WsSession#principal()}): a {@link Principal}
 * parameter or one of its subtypes, such as Spring Security's {@code Authentication}; null when
 * the client was not authenticated or its principal is not of the parameter's type.
 */
final class PrincipalArgumentResolver implements WsArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Principal.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, WsSession session,
			@Nullable Object payload) {
		Principal principal = session.principal();
		return parameter.getParameterType().isInstance(principal) ? principal : null;
	}

}
