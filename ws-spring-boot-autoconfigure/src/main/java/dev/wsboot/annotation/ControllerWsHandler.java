package dev.wsboot.annotation;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * Serves an endpoint with a controller's methods and applies the error policy:
 * <ul>
 * <li>an exception from {@link OnConnect}, {@link OnMessage} or {@link OnDisconnect} goes to the
 * controller's {@link OnError} method when it accepts that exception type, and the session stays
 * open unless that method closes it;</li>
 * <li>without one, the exception is logged; a message that could not be converted closes the
 * session with 1003 (unsupported data), any other exception with 1011 (internal error);</li>
 * <li>an exception from the {@link OnError} method itself is logged and closes the session with 1011.</li>
 * </ul>
 * A message of a type the controller has no method for (binary to a text-only controller) closes
 * the session with 1003, as RFC 6455 §7.4.1 suggests.
 */
final class ControllerWsHandler implements WsHandler {

	private static final System.Logger logger = System.getLogger(ControllerWsHandler.class.getName());

	private final ControllerEndpoint endpoint;

	private final WsMessageConverter converter;

	private final LongConsumer connectTimer;

	private final LongConsumer messageTimer;

	private final LongConsumer disconnectTimer;

	ControllerWsHandler(ControllerEndpoint endpoint, WsMessageConverter converter, HandlerTimers timers) {
		this.endpoint = endpoint;
		this.converter = converter;
		this.connectTimer = timers.timer(endpoint.path(), "connect");
		this.messageTimer = timers.timer(endpoint.path(), "message");
		this.disconnectTimer = timers.timer(endpoint.path(), "disconnect");
	}

	@Override
	public void onOpen(WsSession session) {
		call(this.endpoint.connect(), session, null, this.connectTimer);
	}

	@Override
	public void onText(WsSession session, String text) {
		onMessage(this.endpoint.text(), session, text, "text");
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		onMessage(this.endpoint.binary(), session, data, "binary");
	}

	private void onMessage(@Nullable HandlerMethod method, WsSession session, Object message, String type) {
		if (method == null) {
			logger.log(Level.WARNING, () -> "Closing session #" + session.id() + " on " + this.endpoint.path()
					+ " with 1003: " + this.endpoint.controllerClass().getName() + " takes no " + type + " messages");
			session.close(CloseStatus.UNSUPPORTED_DATA, "This endpoint does not accept " + type + " messages");
			return;
		}
		Object reply = call(method, session, message, this.messageTimer);
		if (reply != null) {
			reply(session, reply);
		}
	}

	private void reply(WsSession session, Object reply) {
		if (reply instanceof String text) {
			session.sendText(text);
		}
		else if (reply instanceof byte[] data) {
			session.sendBinary(data);
		}
		else if (reply instanceof ByteBuffer data) {
			session.sendBinary(data);
		}
		else {
			try {
				session.sendText(this.converter.write(reply));
			}
			catch (RuntimeException ex) {
				handleError(session, ex);
			}
		}
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		call(this.endpoint.disconnect(), session, status, this.disconnectTimer);
	}

	/** Invokes a handler method, timing it; an exception goes through the error policy. */
	private @Nullable Object call(@Nullable HandlerMethod method, WsSession session, @Nullable Object payload,
			LongConsumer timer) {
		if (method == null) {
			return null;
		}
		long start = System.nanoTime();
		try {
			return method.invoke(session, payload);
		}
		catch (Throwable ex) {
			handleError(session, ex);
			return null;
		}
		finally {
			timer.accept(System.nanoTime() - start);
		}
	}

	private void handleError(WsSession session, Throwable error) {
		HandlerMethod onError = this.endpoint.error();
		if (onError != null && onError.accepts(error)) {
			try {
				onError.invoke(session, error);
				return;
			}
			catch (Throwable ex) {
				logger.log(Level.ERROR, "@OnError method " + onError + " threw on session #" + session.id()
						+ "; closing it with 1011", ex);
				session.close(CloseStatus.INTERNAL_ERROR, "Internal server error");
				return;
			}
		}
		if (error instanceof WsMessageConversionException) {
			logger.log(Level.WARNING, "Closing session #" + session.id() + " on " + this.endpoint.path()
					+ " with 1003: " + error.getMessage());
			session.close(CloseStatus.UNSUPPORTED_DATA, "Message could not be converted");
			return;
		}
		logger.log(Level.ERROR, this.endpoint.controllerClass().getName() + " threw on session #" + session.id()
				+ "; closing it with 1011", error);
		session.close(CloseStatus.INTERNAL_ERROR, "Internal server error");
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		handleError(session, error);
	}

}
