package dev.wsboot.sample;

import java.util.Map;

import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.WsServer;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ws-info}: where the page finds the WebSocket server,
 * {@code {"port": 8085, "scheme": "ws"}} ({@code "wss"} with {@code ws.ssl.bundle} set). The port
 * is read from the running server, so it is the bound one even with {@code ws.port=0}; 503 while
 * the server is not running.
 */
@RestController
class WsInfoController {

	private final WsServerLifecycle lifecycle;

	WsInfoController(WsServerLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@GetMapping("/ws-info")
	ResponseEntity<Map<String, Object>> info() {
		WsServer server = this.lifecycle.getServer();
		if (server == null) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
		}
		return ResponseEntity.ok(Map.of("port", server.port(), "scheme", server.isSecure() ? "wss" : "ws"));
	}

}
