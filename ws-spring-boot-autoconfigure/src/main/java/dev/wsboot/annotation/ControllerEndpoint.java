package dev.wsboot.annotation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What was found on one {@link WsController}: its path and its handler methods (null where the
 * controller has none).
 */
record ControllerEndpoint(String path, List<String> subprotocols, boolean subprotocolRequired, Class<?> controllerClass,
		@Nullable HandlerMethod connect, @Nullable HandlerMethod text, @Nullable HandlerMethod binary,
		@Nullable HandlerMethod disconnect, @Nullable HandlerMethod error) {

}
