package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.Nullable;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.wsboot.engine.HandshakeRejection;
import dev.wsboot.engine.WsHandshakeInterceptor;
import dev.wsboot.engine.internal.protocol.Handshake;
import dev.wsboot.engine.internal.protocol.HandshakeException;
import dev.wsboot.engine.internal.protocol.HttpRequest;
import dev.wsboot.engine.internal.session.HandshakeDecision.Accept;
import dev.wsboot.engine.internal.session.HandshakeDecision.Reject;

/**
 * Decides upgrade requests: endpoint by path, the RFC 6455 §4.2.1 checks, origin, subprotocol,
 * connection limit, then the interceptors. It answers with a {@link HandshakeDecision} and never
 * calls back into the connection. Checks that need no application code run on the calling I/O
 * thread and complete at once; interceptors run on the handler executor, and the decision
 * completes there.
 */
final class HandshakeProcessor {

	private static final System.Logger logger = System.getLogger(HandshakeProcessor.class.getName());

	private final EndpointTable endpoints;

	private final OriginMatcher origins;

	private final List<WsHandshakeInterceptor> interceptors;

	private final SessionRegistry sessions;

	/** Null when interceptors run on the I/O thread. */
	private final @Nullable Executor interceptorExecutor;

	/** @param interceptorExecutor where interceptors run, or null to run them on the I/O thread */
	HandshakeProcessor(EndpointTable endpoints, OriginMatcher origins, List<WsHandshakeInterceptor> interceptors,
			SessionRegistry sessions, @Nullable Executor interceptorExecutor) {
		this.endpoints = endpoints;
		this.origins = origins;
		this.interceptors = List.copyOf(interceptors);
		this.sessions = sessions;
		this.interceptorExecutor = interceptorExecutor;
	}

	/** Runs on the connection's I/O thread. */
	CompletionStage<HandshakeDecision> decide(HttpRequest request, InetSocketAddress remoteAddress) {
		HandshakeDecision checked = check(request, remoteAddress);
		if (!(checked instanceof Accept accept) || this.interceptors.isEmpty()) {
			return CompletableFuture.completedFuture(checked);
		}
		if (this.interceptorExecutor == null) {
			return CompletableFuture.completedFuture(intercept(accept));
		}
		try {
			return CompletableFuture.supplyAsync(() -> intercept(accept), this.interceptorExecutor);
		}
		catch (RejectedExecutionException ex) {
			this.sessions.release(address(accept.handshake().remoteAddress()));
			return CompletableFuture.completedFuture(
					new Reject(503, "Server is shutting down", HandshakeRejection.SHUTTING_DOWN));
		}
	}

	/** The checks that need no application code; an accept holds a reserved connection slot. */
	private HandshakeDecision check(HttpRequest request, InetSocketAddress remoteAddress) {
		if (!this.endpoints.serves(request.path())) {
			return new Reject(404, "No WebSocket endpoint at " + request.path(), HandshakeRejection.NOT_FOUND);
		}
		String key;
		try {
			key = Handshake.validateUpgrade(request);
		}
		catch (HandshakeException ex) {
			return new Reject(ex, (ex.status() == 426) ? HandshakeRejection.VERSION : HandshakeRejection.BAD_REQUEST);
		}
		String origin = request.header("origin");
		if (origin != null && !this.origins.allows(origin, request.header("host"))) {
			return new Reject(403, "Origin not allowed: " + origin, HandshakeRejection.ORIGIN);
		}
		List<String> offered = request.tokens("sec-websocket-protocol");
		EndpointTable.Selection selection = this.endpoints.select(request.path(), offered);
		if (selection == null) {
			return new Reject(400, "This endpoint requires one of the subprotocols "
					+ this.endpoints.subprotocols(request.path()), HandshakeRejection.BAD_REQUEST);
		}
		switch (this.sessions.tryReserve(address(remoteAddress))) {
			case SERVER_FULL -> {
				return new Reject(503, "Too many connections", HandshakeRejection.TOO_MANY_CONNECTIONS);
			}
			case ADDRESS_FULL -> {
				return new Reject(429, "Too many connections from this address", HandshakeRejection.TOO_MANY_FROM_ADDRESS);
			}
			case NONE -> {
			}
		}
		HandshakeContext handshake = new HandshakeContext(request, remoteAddress, offered, selection.subprotocol());
		return new Accept(handshake, key, selection.endpoint(), this.endpoints.counters(request.path()));
	}

	/** The address a connection slot is counted under; null when the socket no longer knows it. */
	static @Nullable InetAddress address(@Nullable InetSocketAddress remoteAddress) {
		return (remoteAddress != null) ? remoteAddress.getAddress() : null;
	}

	private HandshakeDecision intercept(Accept accept) {
		HandshakeContext handshake = accept.handshake();
		for (WsHandshakeInterceptor interceptor : this.interceptors) {
			try {
				interceptor.beforeHandshake(handshake);
			}
			catch (Exception | Error ex) {
				// An Error too: the slot reserved for this upgrade must go back, and the client hear 500.
				logger.log(Level.ERROR, "Handshake interceptor " + interceptor + " failed on " + handshake.path(), ex);
				handshake.reject(500, "Handshake interceptor failed");
			}
			if (handshake.isRejected()) {
				this.sessions.release(address(handshake.remoteAddress()));
				return new Reject(handshake.rejectStatus(), handshake.rejectReason(), HandshakeRejection.INTERCEPTOR);
			}
		}
		return accept;
	}

}
