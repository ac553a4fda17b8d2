package dev.wsboot.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;
import dev.wsboot.server.WsHandlerDecorator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Serves an endpoint through its handler inside observations. The connection's observation starts
 * before the handler hears of the open and stops after it heard of the close; every event's
 * handling runs in its scope, so what the handler logs or traces belongs to the connection's
 * trace, or, with message observations, in the scope of the message's own child observation.
 */
final class ObservingWsHandler implements WsHandlerDecorator.Decorated {

	private static final DefaultWsConnectionObservationConvention DEFAULT_CONNECTION = new DefaultWsConnectionObservationConvention();

	private static final DefaultWsMessageObservationConvention DEFAULT_MESSAGE = new DefaultWsMessageObservationConvention();

	private static final Delivery<String> TEXT = WsHandler::onText;

	private static final Delivery<WsText> TEXT_BYTES = WsHandler::onText;

	private static final Delivery<byte[]> BINARY = WsHandler::onBinary;

	private final WsHandler delegate;

	private final ObservationRegistry registry;

	private final @Nullable WsConnectionObservationConvention connectionConvention;

	private final @Nullable WsMessageObservationConvention messageConvention;

	private final boolean observeMessages;

	/** Whether a message without an observation of its own is handled in its connection's scope. */
	private final boolean scopeMessages;

	/** The open connections' observations, by client id; an entry lives from open to close. */
	private final Map<Long, Observation> connections = new ConcurrentHashMap<>();

	ObservingWsHandler(WsHandler delegate, ObservationRegistry registry,
			@Nullable WsConnectionObservationConvention connectionConvention,
			@Nullable WsMessageObservationConvention messageConvention, boolean observeMessages, boolean scopeMessages) {
		this.delegate = delegate;
		this.scopeMessages = scopeMessages;
		this.registry = registry;
		this.connectionConvention = connectionConvention;
		this.messageConvention = messageConvention;
		this.observeMessages = observeMessages;
	}

	@Override
	public WsHandler delegate() {
		return this.delegate;
	}

	@Override
	public void onOpen(WsSession session) throws Exception {
		WsConnectionObservationContext context = new WsConnectionObservationContext(session);
		Observation connection = WsObservationDocumentation.CONNECTION
			.observation(this.connectionConvention, DEFAULT_CONNECTION, () -> context, this.registry)
			.start();
		this.connections.put(session.id(), connection);
		inScope(connection, () -> this.delegate.onOpen(session));
	}

	@Override
	public void onText(WsSession session, String text) throws Exception {
		onMessage(session, "text", text.length(), text, TEXT);
	}

	/** Text reaches the delegate as it wants it: as bytes or decoded. */
	@Override
	public boolean textAsBytes() {
		return this.delegate.textAsBytes();
	}

	/** The bytes go to the delegate as they came: a decorator never decodes the text. */
	@Override
	public void onText(WsSession session, WsText text) throws Exception {
		onMessage(session, "text", text.byteLength(), text, TEXT_BYTES);
	}

	@Override
	public void onBinary(WsSession session, byte[] data) throws Exception {
		onMessage(session, "binary", data.length, data, BINARY);
	}

	/**
	 * Hands a message to the delegate in its connection's scope, in a message observation of its
	 * own, or (with neither asked for) straight. Without message observations nothing is allocated
	 * for the call: the deliveries are constants, where a lambda over the session and message would
	 * be an object per message.
	 */
	private <M> void onMessage(WsSession session, String type, int size, M message, Delivery<M> delivery)
			throws Exception {
		if (this.observeMessages) {
			onMessage(session, type, size, () -> delivery.deliver(this.delegate, session, message));
			return;
		}
		if (!this.scopeMessages) {
			try {
				delivery.deliver(this.delegate, session, message);
			}
			catch (Exception ex) {
				connection(session).error(ex);
				throw ex;
			}
			return;
		}
		Observation connection = connection(session);
		try (Observation.Scope scope = connection.openScope()) {
			delivery.deliver(this.delegate, session, message);
		}
		catch (Exception ex) {
			connection.error(ex);
			throw ex;
		}
	}

	/** One of the handler's message methods. */
	@FunctionalInterface
	private interface Delivery<M> {

		void deliver(WsHandler handler, WsSession session, M message) throws Exception;

	}

	private void onMessage(WsSession session, String type, int size, Event event) throws Exception {
		Observation connection = connection(session);
		Observation message = this.observeMessages ? WsObservationDocumentation.MESSAGE
			.observation(this.messageConvention, DEFAULT_MESSAGE,
					() -> new WsMessageObservationContext(session, type, size), this.registry) : Observation.NOOP;
		if (message.isNoop()) {
			// Off, or turned off by a predicate: the handling still belongs to the connection's trace.
			inScope(connection, event);
			return;
		}
		message.parentObservation(connection).observeChecked(event::handle);
	}

	@Override
	public void onPong(WsSession session, byte[] payload) throws Exception {
		inScope(connection(session), () -> this.delegate.onPong(session, payload));
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) throws Exception {
		Observation connection = this.connections.remove(session.id());
		if (connection == null) {
			this.delegate.onClose(session, status);
			return;
		}
		((WsConnectionObservationContext) connection.getContext()).setCloseStatus(status);
		try {
			inScope(connection, () -> this.delegate.onClose(session, status));
		}
		finally {
			connection.stop();
		}
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		Observation connection = connection(session);
		connection.error(error);
		try (Observation.Scope scope = connection.openScope()) {
			this.delegate.onError(session, error);
		}
	}

	/** The connection's observation; a no-op one for events before the open (none are expected). */
	private Observation connection(WsSession session) {
		Observation connection = this.connections.get(session.id());
		return (connection != null) ? connection : Observation.NOOP;
	}

	/** Runs an event of the connection in its observation's scope; what the event throws is recorded. */
	private static void inScope(Observation observation, Event event) throws Exception {
		try (Observation.Scope scope = observation.openScope()) {
			event.handle();
		}
		catch (Exception ex) {
			observation.error(ex);
			throw ex;
		}
	}

	@FunctionalInterface
	private interface Event {

		void handle() throws Exception;

	}

}
