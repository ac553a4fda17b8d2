package dev.wsboot.annotation;

import java.lang.System.Logger.Level;
import java.util.function.LongConsumer;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;
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
 * Replies go through the method's {@link WsReturnValueHandler}; one that fails goes through the
 * same policy. A message of a type the controller has no method for (binary to a text-only controller) closes
 * the session with 1003, as RFC 6455 §7.4.1 suggests.
 */
final class ControllerWsHandler implements WsHandler {

	private static final System.Logger logger = System.getLogger(ControllerWsHandler.class.getName());

	private final ControllerMethods methods;

	private final @Nullable LongConsumer connectTimer;

	private final @Nullable LongConsumer messageTimer;

	private final @Nullable LongConsumer disconnectTimer;

	ControllerWsHandler(ControllerMethods methods, HandlerTimers timers) {
		this.methods = methods;
		this.connectTimer = timers.timer(methods.path(), "connect");
		this.messageTimer = timers.timer(methods.path(), "message");
		this.disconnectTimer = timers.timer(methods.path(), "disconnect");
	}

	@Override
	public boolean blocking() {
		return this.methods.blocking();
	}

	@Override
	public void onOpen(WsSession session) {
		call(this.methods.connect(), session, null, this.connectTimer);
	}

	/**
	 * Whether the text method reads bytes ({@code WsText} or a converted type): then the engine
	 * delivers them undecoded; for a {@code String} parameter it decodes them, in one pass.
	 */
	@Override
	public boolean textAsBytes() {
		HandlerMethod text = this.methods.text();
		return text != null && text.isTextAsBytes();
	}

	@Override
	public void onText(WsSession session, WsText text) {
		HandlerMethod method = this.methods.text();
		onMessage(method, session, (method == null || method.isTextAsBytes()) ? text : text.toString(), "text");
	}

	@Override
	public void onText(WsSession session, String text) {
		HandlerMethod method = this.methods.text();
		onMessage(method, session, (method != null && method.isTextAsBytes()) ? WsText.of(text) : text, "text");
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		onMessage(this.methods.binary(), session, data, "binary");
	}

	private void onMessage(@Nullable HandlerMethod method, WsSession session, Object message, String type) {
		if (method == null) {
			logger.log(Level.WARNING, () -> "Closing session #" + session.id() + " on " + this.methods.path()
					+ " with 1003: " + this.methods.controllerClass().getName() + " takes no " + type + " messages");
			session.close(CloseStatus.UNSUPPORTED_DATA, "This endpoint does not accept " + type + " messages");
			return;
		}
		Object reply = call(method, session, message, this.messageTimer);
		try {
			method.reply(session, reply);
		}
		catch (Exception ex) {
			handleError(session, ex);
		}
	}

	Class<?> controllerClass() {
		return this.methods.controllerClass();
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		call(this.methods.disconnect(), session, status, this.disconnectTimer);
	}

	/**
	 * Invokes a handler method, timing it if its event is timed; an exception goes through the
	 * error policy.
	 */
	private @Nullable Object call(@Nullable HandlerMethod method, WsSession session, @Nullable Object payload,
			@Nullable LongConsumer timer) {
		if (method == null) {
			return null;
		}
		long start = (timer != null) ? System.nanoTime() : 0;
		try {
			return method.invoke(session, payload);
		}
		catch (Throwable ex) {
			handleError(session, ex);
			return null;
		}
		finally {
			if (timer != null) {
				timer.accept(System.nanoTime() - start);
			}
		}
	}

	private void handleError(WsSession session, Throwable error) {
		HandlerMethod onError = this.methods.error();
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
			logger.log(Level.WARNING, "Closing session #" + session.id() + " on " + this.methods.path()
					+ " with 1003: " + error.getMessage());
			session.close(CloseStatus.UNSUPPORTED_DATA, "Message could not be converted");
			return;
		}
		logger.log(Level.ERROR, this.methods.controllerClass().getName() + " threw on session #" + session.id()
				+ "; closing it with 1011", error);
		session.close(CloseStatus.INTERNAL_ERROR, "Internal server error");
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		handleError(session, error);
	}

}
