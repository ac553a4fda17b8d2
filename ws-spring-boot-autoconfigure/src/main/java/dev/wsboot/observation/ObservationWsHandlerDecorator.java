package dev.wsboot.observation;

import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.server.WsHandlerDecorator;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes every endpoint: one observation per connection, and one per message when asked for.
 * Messages are handled in their connection's scope unless told otherwise.
 *
 * <p>Threading: the handlers it makes keep the engine's contract (one event of a session at a
 * time); each scope opens and closes on the thread that delivers the event.
 */
public final class ObservationWsHandlerDecorator implements WsHandlerDecorator {

	private final ObservationRegistry registry;

	private final @Nullable WsConnectionObservationConvention connectionConvention;

	private final @Nullable WsMessageObservationConvention messageConvention;

	private final boolean observeMessages;

	private final boolean scopeMessages;

	/**
	 * Every message handled in its connection's scope.
	 * @param connectionConvention the application's convention, or null for the default one
	 * @param messageConvention the application's convention, or null for the default one
	 * @param observeMessages whether each received message gets its own observation
	 */
	public ObservationWsHandlerDecorator(ObservationRegistry registry,
			@Nullable WsConnectionObservationConvention connectionConvention,
			@Nullable WsMessageObservationConvention messageConvention, boolean observeMessages) {
		this(registry, connectionConvention, messageConvention, observeMessages, true);
	}

	/**
	 * @param connectionConvention the application's convention, or null for the default one
	 * @param messageConvention the application's convention, or null for the default one
	 * @param observeMessages whether each received message gets its own observation
	 * @param scopeMessages whether a message without an observation of its own is handled in its
	 * connection's scope
	 */
	public ObservationWsHandlerDecorator(ObservationRegistry registry,
			@Nullable WsConnectionObservationConvention connectionConvention,
			@Nullable WsMessageObservationConvention messageConvention, boolean observeMessages, boolean scopeMessages) {
		this.registry = registry;
		this.connectionConvention = connectionConvention;
		this.messageConvention = messageConvention;
		this.observeMessages = observeMessages;
		this.scopeMessages = scopeMessages;
	}

	@Override
	public WsHandler decorate(WsEndpoint endpoint) {
		return new ObservingWsHandler(endpoint.handler(), this.registry, this.connectionConvention,
				this.messageConvention, this.observeMessages, this.scopeMessages);
	}

}
