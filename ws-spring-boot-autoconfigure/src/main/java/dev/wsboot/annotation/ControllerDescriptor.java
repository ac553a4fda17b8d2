package dev.wsboot.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bean post-processor found on one {@link WsController} bean, before any resolver is
 * chosen: its path and subprotocols, and its annotated methods with their event.
 *
 * @param beanName the controller's bean name, for the startup failure
 * @param blocking whether the methods may block ({@link WsController#blocking()})
 * @param methods each handler method (invocable on the bean) with its event annotation type
 */
record ControllerDescriptor(String beanName, Object bean, Class<?> controllerClass, String path, List<String> subprotocols,
		boolean subprotocolRequired, boolean blocking, Map<Method, Class<? extends Annotation>> methods) {

	ControllerDescriptor {
		subprotocols = List.copyOf(subprotocols);
		methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
	}

}
