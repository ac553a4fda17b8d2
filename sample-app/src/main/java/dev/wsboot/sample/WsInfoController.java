package dev.wsboot.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.wsboot.cluster.WsBackplane;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.WsServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ws-info}: where the page finds the WebSocket server,
 * {@code {"port": 8085, "scheme": "ws"}} ({@code "wss"} with {@code ws.ssl.bundle} set), plus
 * {@code "node": 3} when this instance is a node of a cluster ({@code ws.cluster.enabled=true}).
 * The port is read from the running server, so it is the bound one even with {@code ws.port=0};
 * 503 while the server is not running.
 */
@RestController
class WsInfoController {

	private final WsServerLifecycle lifecycle;

	private final ObjectProvider<WsBackplane> cluster;

	WsInfoController(WsServerLifecycle lifecycle, ObjectProvider<WsBackplane> cluster) {
		this.lifecycle = lifecycle;
		this.cluster = cluster;
	}

	@GetMapping("/ws-info")
	ResponseEntity<Map<String, Object>> info() {
		WsServer server = this.lifecycle.getServer();
		if (server == null) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
		}
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("port", server.port());
		info.put("scheme", server.isSecure() ? "wss" : "ws");
		this.cluster.ifAvailable((backplane) -> info.put("node", backplane.nodeNumber()));
		return ResponseEntity.ok(info);
	}

}
