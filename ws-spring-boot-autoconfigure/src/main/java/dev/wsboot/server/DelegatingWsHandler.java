package dev.wsboot.server;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;

/**
 * A {@link WsHandler} that passes every call to another; the base of what a
 * {@link WsHandlerDecorator} returns. Override the calls to wrap, or {@link #around} for all.
 */
public abstract class DelegatingWsHandler implements WsHandlerDecorator.Decorated {

	private final WsHandler delegate;

	protected DelegatingWsHandler(WsHandler delegate) {
		this.delegate = delegate;
	}

	@Override
	public WsHandler delegate() {
		return this.delegate;
	}

	/** One call of the delegate for this session. */
	@FunctionalInterface
	protected interface Call {

		void run() throws Exception;

	}

	/** Runs one call of the delegate; by default just runs it. */
	protected void around(WsSession session, Call call) throws Exception {
		call.run();
	}

	/**
	 * Whether the calls for this session go through {@link #around}; false calls the delegate
	 * directly. Messages are the hot path: a decorator with nothing to do for a session saves
	 * the {@link Call} made for every one.
	 */
	protected boolean wraps(WsSession session) {
		return true;
	}

	@Override
	public void onOpen(WsSession session) throws Exception {
		around(session, () -> this.delegate.onOpen(session));
	}

	@Override
	public void onText(WsSession session, String text) throws Exception {
		if (!wraps(session)) {
			this.delegate.onText(session, text);
			return;
		}
		around(session, () -> this.delegate.onText(session, text));
	}

	/** Text reaches the delegate as it wants it: as bytes or decoded. */
	@Override
	public boolean textAsBytes() {
		return this.delegate.textAsBytes();
	}

	/** The bytes go to the delegate as they came: a decorator never decodes the text. */
	@Override
	public void onText(WsSession session, WsText text) throws Exception {
		if (!wraps(session)) {
			this.delegate.onText(session, text);
			return;
		}
		around(session, () -> this.delegate.onText(session, text));
	}

	@Override
	public void onBinary(WsSession session, byte[] data) throws Exception {
		if (!wraps(session)) {
			this.delegate.onBinary(session, data);
			return;
		}
		around(session, () -> this.delegate.onBinary(session, data));
	}

	@Override
	public void onPong(WsSession session, byte[] payload) throws Exception {
		around(session, () -> this.delegate.onPong(session, payload));
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) throws Exception {
		around(session, () -> this.delegate.onClose(session, status));
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		try {
			around(session, () -> this.delegate.onError(session, error));
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Exception ex) {
			// onError declares no exception: one from around() itself is the handler's failure.
			throw new IllegalStateException("Handler decorator failed around onError", ex);
		}
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.delegate + "]";
	}

}
