package dev.wsboot.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.server.DelegatingWsHandler;

/**
 * The endpoints of every {@link WsController}, registered once all singletons exist and turned into
 * engine endpoints, one per controller, when the server starts. Several controllers may share a
 * path when each names its subprotocols: the client's offer then chooses between them.
 *
 * <p>Thread-safe: registration happens on the thread that refreshes the context, reads from any
 * thread (the actuator endpoint).
 */
public class WsControllerRegistry {

	private final Supplier<WsMessageConverter> converter;

	private final Supplier<HandlerTimers> timers;

	private final Supplier<List<WsArgumentResolver>> argumentResolvers;

	private final Supplier<List<WsReturnValueHandler>> returnValueHandlers;

	private final List<ControllerMethods> controllers = new ArrayList<>();

	private HandlerMethodFactory factory;

	/**
	 * The suppliers are asked once, at the first registration (when every singleton exists) or, for
	 * the timers, when the server starts.
	 * @param converter the message converter, or a supplier of null when there is none
	 * @param timers the handler timers
	 * @param argumentResolvers the application's argument resolvers, in order
	 * @param returnValueHandlers the application's return value handlers, in order
	 */
	public WsControllerRegistry(Supplier<WsMessageConverter> converter, Supplier<HandlerTimers> timers,
			Supplier<List<WsArgumentResolver>> argumentResolvers,
			Supplier<List<WsReturnValueHandler>> returnValueHandlers) {
		this.converter = converter;
		this.timers = timers;
		this.argumentResolvers = argumentResolvers;
		this.returnValueHandlers = returnValueHandlers;
	}

	/**
	 * Builds a controller's handler methods and registers its path.
	 * @throws WsControllerDefinitionException if the controller is declared wrongly, or shares its
	 * path with one that is not told apart by subprotocol
	 */
	synchronized void register(ControllerDescriptor controller) {
		if (this.factory == null) {
			this.factory = new HandlerMethodFactory(this.argumentResolvers.get(), this.returnValueHandlers.get(),
					this.converter.get());
		}
		ControllerMethods methods = ControllerMethods.of(controller, this.factory);
		for (ControllerMethods existing : this.controllers) {
			if (existing.path().equals(methods.path())) {
				checkSharable(existing, methods);
			}
		}
		this.controllers.add(methods);
	}

	/** The engine's rule (EndpointTable), checked here to name the controllers rather than the handlers. */
	private static void checkSharable(ControllerMethods existing, ControllerMethods added) {
		String both = existing.controllerClass().getName() + " and " + added.controllerClass().getName();
		if (existing.subprotocols().isEmpty() || added.subprotocols().isEmpty()) {
			throw new WsControllerDefinitionException("Two controllers on path " + added.path() + ": " + both
					+ "; controllers may share a path only when each names its subprotocols, such as "
					+ "@WsController(path = \"" + added.path() + "\", subprotocols = \"v2\")");
		}
		for (String subprotocol : added.subprotocols()) {
			if (existing.subprotocols().contains(subprotocol)) {
				throw new WsControllerDefinitionException("Two controllers on path " + added.path()
						+ " name subprotocol '" + subprotocol + "': " + both);
			}
		}
	}

	/** The registered controllers as engine endpoints, one per controller, in registration order. */
	public synchronized List<WsEndpoint> endpoints() {
		HandlerTimers timers = this.timers.get();
		List<WsEndpoint> result = new ArrayList<>();
		for (ControllerMethods methods : this.controllers) {
			result.add(new WsEndpoint(methods.path(), new ControllerWsHandler(methods, timers), methods.subprotocols(),
					methods.subprotocolRequired()));
		}
		return result;
	}

	/** The controller class behind an engine endpoint, or empty when the endpoint is not a controller's. */
	public Optional<Class<?>> controllerClass(WsEndpoint endpoint) {
		return (DelegatingWsHandler.unwrap(endpoint.handler()) instanceof ControllerWsHandler handler)
				? Optional.of(handler.controllerClass())
				: Optional.empty();
	}

}
