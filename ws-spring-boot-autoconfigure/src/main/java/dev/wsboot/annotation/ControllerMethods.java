package dev.wsboot.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * One {@link WsController} ready to serve: its path and subprotocols and its handler methods
 * (null where the controller has none).
 */
record ControllerMethods(String path, List<String> subprotocols, boolean subprotocolRequired, boolean blocking,
		Class<?> controllerClass,
		HandlerMethod connect, HandlerMethod text, HandlerMethod binary, HandlerMethod disconnect, HandlerMethod error) {

	/**
	 * Builds every handler method of a controller.
	 * @throws WsControllerDefinitionException for a wrong signature, or two methods for one event
	 */
	static ControllerMethods of(ControllerDescriptor controller, HandlerMethodFactory factory) {
		HandlerMethod connect = null;
		HandlerMethod text = null;
		HandlerMethod binary = null;
		HandlerMethod disconnect = null;
		HandlerMethod error = null;
		for (Map.Entry<Method, Class<? extends Annotation>> entry : controller.methods().entrySet()) {
			Class<? extends Annotation> event = entry.getValue();
			HandlerMethod handler = factory.create(controller.bean(), entry.getKey(), event);
			if (event == OnConnect.class) {
				connect = only(connect, handler, "@OnConnect");
			}
			else if (event == OnMessage.class && handler.isBinary()) {
				binary = only(binary, handler, "binary @OnMessage");
			}
			else if (event == OnMessage.class) {
				text = only(text, handler, "text @OnMessage");
			}
			else if (event == OnDisconnect.class) {
				disconnect = only(disconnect, handler, "@OnDisconnect");
			}
			else {
				error = only(error, handler, "@OnError");
			}
		}
		return new ControllerMethods(controller.path(), controller.subprotocols(), controller.subprotocolRequired(),
				controller.blocking(), controller.controllerClass(), connect, text, binary, disconnect, error);
	}

	private static HandlerMethod only(HandlerMethod existing, HandlerMethod candidate, String what) {
		if (existing != null) {
			throw new WsControllerDefinitionException("Two " + what + " methods: " + existing + " and " + candidate
					+ "; a controller has at most one");
		}
		return candidate;
	}

}
