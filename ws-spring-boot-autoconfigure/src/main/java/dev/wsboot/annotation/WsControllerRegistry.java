package dev.wsboot.annotation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.wsboot.engine.WsEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * The endpoints of every {@link WsController}, collected at startup and turned into engine
 * endpoints when the server starts.
 */
public class WsControllerRegistry {

	private final ControllerScanner scanner;

	private final Supplier<@Nullable WsMessageConverter> converter;

	private final Supplier<HandlerTimers> timers;

	private final Map<String, ControllerEndpoint> endpoints = new LinkedHashMap<>();

	/**
	 * @param converter the message converter, or a supplier of null when there is none
	 * @param timers the handler timers, asked for when the server starts
	 */
	public WsControllerRegistry(Supplier<@Nullable WsMessageConverter> converter, Supplier<HandlerTimers> timers) {
		this.converter = converter;
		this.timers = timers;
		this.scanner = new ControllerScanner(converter);
	}

	/**
	 * Reads a controller's methods and registers its path.
	 * @throws WsControllerDefinitionException if the controller is declared wrongly or its path is taken
	 */
	public synchronized void register(Object controller, Class<?> targetClass) {
		ControllerEndpoint endpoint = this.scanner.scan(controller, targetClass);
		ControllerEndpoint existing = this.endpoints.putIfAbsent(endpoint.path(), endpoint);
		if (existing != null) {
			throw new WsControllerDefinitionException("Two controllers on path " + endpoint.path() + ": "
					+ existing.controllerClass().getName() + " and " + targetClass.getName());
		}
	}

	/** The registered controllers as engine endpoints. */
	public synchronized List<WsEndpoint> endpoints() {
		HandlerTimers timers = this.timers.get();
		WsMessageConverter converter = this.converter.get();
		List<WsEndpoint> result = new ArrayList<>();
		for (ControllerEndpoint endpoint : this.endpoints.values()) {
			result.add(new WsEndpoint(endpoint.path(), new ControllerWsHandler(endpoint, converter, timers),
					endpoint.subprotocols(), endpoint.subprotocolRequired()));
		}
		return result;
	}

	/** The controller class serving each path. */
	public synchronized Map<String, Class<?>> controllers() {
		Map<String, Class<?>> controllers = new LinkedHashMap<>();
		this.endpoints.forEach((path, endpoint) -> controllers.put(path, endpoint.controllerClass()));
		return controllers;
	}

}
