package dev.wsboot.engine.internal.session;

import dev.wsboot.engine.HandlerConfig;
import dev.wsboot.engine.HandshakeRejection;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandshakeInterceptor;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.wsboot.engine.internal.protocol.Handshake;
import dev.wsboot.engine.internal.protocol.HandshakeException;
import dev.wsboot.engine.internal.protocol.HttpRequest;

/**
 * Decides upgrade requests: endpoint by path, the RFC 6455 §4.2.1 checks, origin, connection
 * limit, subprotocol, then the interceptors. Checks that need no application code run on the I/O
 * thread; interceptors run on the handler executor and the answer goes back to the I/O thread.
 */
final class HandshakeProcessor {

	private static final System.Logger logger = System.getLogger(HandshakeProcessor.class.getName());

	private final EndpointTable endpoints;

	private final OriginMatcher origins;

	private final List<WsHandshakeInterceptor> interceptors;

	private final SessionRegistry sessions;

	private final Executor handlerExecutor;

	private final boolean handlersOnIoThread;

	HandshakeProcessor(HandlerConfig handlers, EndpointTable endpoints, OriginMatcher origins,
			List<WsHandshakeInterceptor> interceptors, SessionRegistry sessions, Executor handlerExecutor) {
		this.endpoints = endpoints;
		this.origins = origins;
		this.interceptors = List.copyOf(interceptors);
		this.sessions = sessions;
		this.handlerExecutor = handlerExecutor;
		this.handlersOnIoThread = handlers.onIoThread();
	}

	/** Runs on the connection's I/O thread; ends with {@code accept} or {@code refuse}, now or later. */
	void decide(WebSocketConnection connection, HttpRequest request) {
		if (!this.endpoints.serves(request.path())) {
			connection.refuse(new HandshakeException(404, "No WebSocket endpoint at " + request.path()),
					HandshakeRejection.NOT_FOUND);
			return;
		}
		String key;
		try {
			key = Handshake.validateUpgrade(request);
		}
		catch (HandshakeException ex) {
			connection.refuse(ex, (ex.status() == 426) ? HandshakeRejection.VERSION : HandshakeRejection.BAD_REQUEST);
			return;
		}
		String origin = request.header("origin");
		if (origin != null && !this.origins.allows(origin)) {
			connection.refuse(new HandshakeException(403, "Origin not allowed: " + origin), HandshakeRejection.ORIGIN);
			return;
		}
		List<String> offered = request.tokens("sec-websocket-protocol");
		EndpointTable.Selection selection = this.endpoints.select(request.path(), offered);
		if (selection == null) {
			connection.refuse(new HandshakeException(400, "This endpoint requires one of the subprotocols "
					+ this.endpoints.subprotocols(request.path())), HandshakeRejection.BAD_REQUEST);
			return;
		}
		WsEndpoint endpoint = selection.endpoint();
		HandshakeContext handshake = new HandshakeContext(request, connection.connection().remoteAddress(), offered,
				selection.subprotocol());
		if (!this.sessions.tryReserve()) {
			connection.refuse(new HandshakeException(503, "Too many connections"),
					HandshakeRejection.TOO_MANY_CONNECTIONS);
			return;
		}
		connection.reserved();
		if (this.interceptors.isEmpty() || this.handlersOnIoThread) {
			intercept(handshake);
			complete(connection, handshake, key, endpoint);
			return;
		}
		try {
			this.handlerExecutor.execute(() -> {
				intercept(handshake);
				connection.connection().loop().execute(() -> complete(connection, handshake, key, endpoint));
			});
		}
		catch (RejectedExecutionException ex) {
			connection.refuse(new HandshakeException(503, "Server is shutting down"),
					HandshakeRejection.TOO_MANY_CONNECTIONS);
		}
	}

	private void intercept(HandshakeContext handshake) {
		for (WsHandshakeInterceptor interceptor : this.interceptors) {
			try {
				interceptor.beforeHandshake(handshake);
			}
			catch (Exception ex) {
				logger.log(Level.ERROR, "Handshake interceptor " + interceptor + " failed on " + handshake.path(), ex);
				handshake.reject(500, "Handshake interceptor failed");
			}
			if (handshake.isRejected()) {
				return;
			}
		}
	}

	private void complete(WebSocketConnection connection, HandshakeContext handshake, String key, WsEndpoint endpoint) {
		if (handshake.isRejected()) {
			connection.refuse(new HandshakeException(handshake.rejectStatus(), handshake.rejectReason()),
					HandshakeRejection.INTERCEPTOR);
			return;
		}
		connection.accept(handshake, key, endpoint, this.endpoints.counters(endpoint.path()));
	}

}
