package dev.wsboot.actuate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.wsboot.annotation.WsControllerRegistry;
import dev.wsboot.cluster.WsBackplane;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsServer;
import dev.wsboot.server.DelegatingWsHandler;
import dev.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/websocket}: the endpoints and the open sessions, and closing one session.
 * Exposed only where the application exposes it, as every actuator endpoint.
 */
@Endpoint(id = "websocket")
public class WebSocketEndpoint {

	private static final int DEFAULT_LIMIT = 100;

	private final WsServerLifecycle lifecycle;

	private final WsControllerRegistry controllers;

	private final @Nullable WsBackplane cluster;

	public WebSocketEndpoint(WsServerLifecycle lifecycle, WsControllerRegistry controllers) {
		this(lifecycle, controllers, null);
	}

	/**
	 * @param cluster the backplane when this node is part of a cluster, else null
	 */
	public WebSocketEndpoint(WsServerLifecycle lifecycle, WsControllerRegistry controllers,
			@Nullable WsBackplane cluster) {
		this.lifecycle = lifecycle;
		this.controllers = controllers;
		this.cluster = cluster;
	}

	/**
	 * @param limit the most sessions to list, oldest first; 100 when not given
	 */
	@ReadOperation
	public Map<String, Object> websocket(@Nullable Integer limit) {
		WsServer server = this.lifecycle.getServer();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("running", server != null);
		if (server == null) {
			return result;
		}
		result.put("port", server.port());
		result.put("activeConnections", server.activeConnections());
		List<Map<String, Object>> endpoints = new ArrayList<>();
		for (WsEndpoint endpoint : server.endpoints()) {
			Map<String, Object> description = new LinkedHashMap<>();
			description.put("path", endpoint.path());
			Class<?> controller = this.controllers.controllerClass(endpoint)
				.orElse(DelegatingWsHandler.unwrap(endpoint.handler()).getClass());
			description.put("controller", controller.getName());
			description.put("subprotocols", endpoint.subprotocols());
			description.put("activeConnections", server.activeConnections(endpoint.path()));
			endpoints.add(description);
		}
		result.put("endpoints", endpoints);
		if (this.cluster != null) {
			result.put("cluster", describe(this.cluster));
		}
		int max = (limit != null) ? Math.max(0, limit) : DEFAULT_LIMIT;
		result.put("sessions", server.sessions()
			.stream()
			.sorted(Comparator.comparingLong(WsSession::id))
			.limit(max)
			.map(WebSocketEndpoint::describe)
			.toList());
		return result;
	}

	private static Map<String, Object> describe(WsBackplane cluster) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("node", cluster.nodeNumber());
		description.put("available", cluster.isAvailable());
		description.put("nodes", cluster.nodes()
			.stream()
			.map((node) -> Map.of("node", node.number(), "activeConnections", node.connections()))
			.toList());
		return description;
	}

	/**
	 * Starts the close handshake with one session.
	 * @param id the session (client) id
	 * @param code the close code, 1000 when not given
	 * @param reason the reason, empty when not given
	 * @return whether the session was open
	 */
	@WriteOperation
	public Map<String, Object> close(@Selector long id, @Nullable Integer code, @Nullable String reason) {
		WsServer server = this.lifecycle.getServer();
		WsSession session = (server != null) ? server.session(id).orElse(null) : null;
		if (session == null) {
			return Map.of("id", id, "closed", false);
		}
		int status = (code != null) ? code : CloseStatus.NORMAL;
		if (!CloseStatus.isValidOnWire(status)) {
			throw new InvalidEndpointRequestException("Close code " + status + " may not be sent (RFC 6455 §7.4)",
					"Invalid close code");
		}
		session.close(status, (reason != null) ? reason : "");
		return Map.of("id", id, "closed", true);
	}

	private static Map<String, Object> describe(WsSession session) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("id", session.id());
		description.put("path", session.path());
		description.put("remoteAddress", String.valueOf(session.remoteAddress()));
		description.put("connectedAt", session.connectedAt().toString());
		description.put("subprotocol", session.subprotocol());
		description.put("messagesReceived", session.messagesReceived());
		description.put("messagesSent", session.messagesSent());
		description.put("queuedBytes", session.queuedBytes());
		return description;
	}

}
