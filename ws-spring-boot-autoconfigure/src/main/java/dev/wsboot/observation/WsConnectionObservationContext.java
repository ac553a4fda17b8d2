package dev.wsboot.observation;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsSession;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * The context of a connection's observation: the session, whose upgrade request headers are the
 * carrier a tracing propagator reads (a {@code traceparent} header continues its trace), and how
 * the connection closed, once it did.
 */
public class WsConnectionObservationContext extends ReceiverContext<WsSession> {

	private final WsSession session;

	private @Nullable CloseStatus closeStatus;

	public WsConnectionObservationContext(WsSession session) {
		super((carrier, key) -> carrier.requestHeader(key), Kind.SERVER);
		this.session = session;
		setCarrier(session);
	}

	public WsSession getSession() {
		return this.session;
	}

	/** How the connection closed; null while it is open. */
	public @Nullable CloseStatus getCloseStatus() {
		return this.closeStatus;
	}

	public void setCloseStatus(@Nullable CloseStatus closeStatus) {
		this.closeStatus = closeStatus;
	}

}
