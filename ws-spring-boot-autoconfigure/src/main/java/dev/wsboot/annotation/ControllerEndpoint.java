package dev.wsboot.annotation;

import java.util.List;

/**
 * What was found on one {@link WsController}: its path and its handler methods (null where the
 * controller has none).
 */
record ControllerEndpoint(String path, List<String> subprotocols, boolean subprotocolRequired, Class<?> controllerClass,
		HandlerMethod connect, HandlerMethod text, HandlerMethod binary, HandlerMethod disconnect, HandlerMethod error) {

}
