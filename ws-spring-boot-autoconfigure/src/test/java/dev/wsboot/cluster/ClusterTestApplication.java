package dev.wsboot.cluster;

import java.util.List;

import dev.wsboot.annotation.OnConnect;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.engine.WsHandshakeInterceptor;
import dev.wsboot.engine.WsSession;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * One cluster node: every client is told its id when it connects, and a client's
 * {@code to:<id>:<text>} is relayed to another client (on any node) through the broadcaster. A
 * client that connects with {@code ?user=NAME} is that user (its session's principal).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ClusterTestApplication.RelayController.class)
public class ClusterTestApplication {

	@Bean
	WsHandshakeInterceptor userFromQuery() {
		return (handshake) -> {
			List<String> user = handshake.queryParameters().get("user");
			if (user != null) {
				String name = user.get(0);
				handshake.setPrincipal(() -> name);
			}
		};
	}

	@WsController("/cluster")
	static class RelayController {

		private final WsBroadcaster clients;

		RelayController(WsBroadcaster clients) {
			this.clients = clients;
		}

		@OnConnect
		void tellId(WsSession session) {
			session.sendText("id:" + session.id());
		}

		@OnMessage
		void relay(long clientId, String message) {
			String[] parts = message.split(":", 3);
			if (parts[0].equals("to")) {
				if (!this.clients.send(Long.parseLong(parts[1]), clientId + ":" + parts[2])) {
					this.clients.send(clientId, "not delivered: " + parts[2]);
				}
			}
		}

	}

}
