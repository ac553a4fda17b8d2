package dev.wsboot.engine;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import dev.wsboot.engine.protocol.Handshake;
import dev.wsboot.engine.protocol.HandshakeException;
import dev.wsboot.engine.protocol.HttpRequest;

/**
 * Decides upgrade requests: endpoint by path, the RFC 6455 §4.2.1 checks, origin, connection
 * limit, subprotocol, then the interceptors. Checks that need no application code run on the I/O
 * thread; interceptors run on the handler executor and the answer goes back to the I/O thread.
 */
final class HandshakeProcessor {

	private static final System.Logger logger = System.getLogger(HandshakeProcessor.class.getName());

	private final Map<String, WsEndpoint> endpoints;

	private final Map<String, EndpointStats> stats;

	private final OriginMatcher origins;

	private final List<WsHandshakeInterceptor> interceptors;

	private ServerRuntime server;

	HandshakeProcessor(Map<String, WsEndpoint> endpoints, Map<String, EndpointStats> stats, OriginMatcher origins,
			List<WsHandshakeInterceptor> interceptors) {
		this.endpoints = endpoints;
		this.stats = stats;
		this.origins = origins;
		this.interceptors = List.copyOf(interceptors);
	}

	void attach(ServerRuntime server) {
		this.server = server;
	}

	/** Runs on the connection's I/O thread; ends with {@code accept} or {@code refuse}, now or later. */
	void decide(WebSocketConnection connection, HttpRequest request) {
		WsEndpoint endpoint = this.endpoints.get(request.path());
		if (endpoint == null) {
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
		HandshakeContext handshake = new HandshakeContext(request, connection.connection().remoteAddress(), endpoint);
		if (endpoint.subprotocolRequired() && handshake.subprotocol() == null) {
			connection.refuse(new HandshakeException(400, "This endpoint requires one of the subprotocols "
					+ endpoint.subprotocols()), HandshakeRejection.BAD_REQUEST);
			return;
		}
		if (!this.server.sessions().tryReserve()) {
			connection.refuse(new HandshakeException(503, "Too many connections"),
					HandshakeRejection.TOO_MANY_CONNECTIONS);
			return;
		}
		connection.reserved();
		if (this.interceptors.isEmpty() || this.server.handlersOnIoThread()) {
			intercept(handshake);
			complete(connection, handshake, key, endpoint);
			return;
		}
		try {
			this.server.handlerExecutor().execute(() -> {
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
		connection.accept(handshake, key, endpoint, this.stats.get(endpoint.path()));
	}

}
