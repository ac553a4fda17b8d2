package dev.wsboot.annotation;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsHandshakeInterceptor;
import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

/**
 * Controllers exercising every annotation, argument type and reply of the annotation model.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ TestControllers.ChatController.class, TestControllers.JsonController.class,
		TestControllers.BinaryController.class, TestControllers.ErrorController.class,
		TestControllers.UnhandledController.class, TestControllers.RoomController.class,
		TestControllers.SecureController.class, TestControllers.ProtocolController.class,
		TestControllers.RelayController.class })
public class TestControllers {

	/** Close statuses seen by @OnDisconnect methods, with the client id. */
	static final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

	@Bean
	@Order(1)
	WsHandshakeInterceptor tokenInterceptor() {
		return (handshake) -> {
			if (!handshake.path().equals("/secure")) {
				return;
			}
			String token = handshake.queryParameters().getOrDefault("token", java.util.List.of("")).get(0);
			if (!token.equals("secret")) {
				handshake.reject(401, "Bad token");
				return;
			}
			String user = handshake.header("x-user");
			handshake.attributes().put("user", (user != null) ? user : "anonymous");
		};
	}

	@Bean
	@Order(2)
	WsHandshakeInterceptor subprotocolInterceptor() {
		return (handshake) -> {
			if (handshake.path().equals("/proto") && handshake.requestedSubprotocols().contains("override")) {
				handshake.selectSubprotocol("override");
			}
		};
	}

	@WsController("/chat")
	static class ChatController {

		private final WsBroadcaster clients;

		ChatController(WsBroadcaster clients) {
			this.clients = clients;
		}

		@OnConnect
		void joined(long clientId) {
			this.clients.sendAll("ClientID " + clientId + " just joined the server");
		}

		@OnMessage
		String said(long clientId, String message) {
			return "You said: " + message;
		}

		@OnDisconnect
		void left(long clientId, CloseStatus status) {
			disconnects.add(clientId + ":" + status.code());
			this.clients.sendAll("ClientID " + clientId + " left");
		}

	}

	record Greeting(String name, int times) {
	}

	record Reply(String text, long clientId) {
	}

	@WsController("/json")
	static class JsonController {

		@OnMessage
		Reply greet(Greeting greeting, WsSession session) {
			return new Reply("Hello " + greeting.name().repeat(greeting.times()), session.id());
		}

	}

	/** Text as its UTF-8 bytes, in and out. */
	@WsController("/relay")
	static class RelayController {

		@OnMessage
		WsText relay(WsText text) {
			return text;
		}

	}

	@WsController("/binary")
	static class BinaryController {

		@OnMessage
		byte[] reversed(ByteBuffer data) {
			byte[] bytes = new byte[data.remaining()];
			for (int i = bytes.length - 1; i >= 0; i--) {
				bytes[i] = data.get();
			}
			return bytes;
		}

		@OnMessage
		ByteBuffer textAsBytes(String text) {
			return ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}

	}

	@WsController("/errors")
	static class ErrorController {

		@OnMessage
		String said(String message) {
			if (message.equals("boom")) {
				throw new IllegalStateException("boom happened");
			}
			if (message.equals("fatal")) {
				throw new IllegalArgumentException("not handled by @OnError");
			}
			return "ok " + message;
		}

		@OnError
		void failed(WsSession session, long clientId, IllegalStateException error) {
			session.sendText("error for " + clientId + ": " + error.getMessage());
		}

	}

	@WsController("/unhandled")
	static class UnhandledController {

		@OnMessage
		void said(String message) {
			throw new IllegalStateException("no @OnError here");
		}

	}

	@WsController("/rooms")
	static class RoomController {

		private final WsBroadcaster clients;

		RoomController(WsBroadcaster clients) {
			this.clients = clients;
		}

		@OnMessage
		String command(long clientId, String message) {
			String[] parts = message.split(":", 3);
			return switch (parts[0]) {
				case "join" -> "joined " + parts[1] + " " + this.clients.join(parts[1], clientId);
				case "leave" -> "left " + parts[1] + " " + this.clients.leave(parts[1], clientId);
				case "say" -> "delivered " + this.clients.sendToGroupExcept(parts[1], clientId, parts[2]);
				case "all" -> "delivered " + this.clients.sendToGroup(parts[1], parts[2]);
				case "members" -> "members " + new java.util.TreeSet<>(this.clients.members(parts[1]));
				default -> "unknown";
			};
		}

	}

	@WsController("/secure")
	static class SecureController {

		@OnConnect
		void hello(WsSession session) {
			session.sendText("hello " + session.attributes().get("user"));
		}

	}

	@WsController(path = "/proto", subprotocols = { "v2", "v1", "override" }, subprotocolRequired = true)
	static class ProtocolController {

		@OnMessage
		String said(WsSession session, String message) {
			return session.subprotocol() + ":" + message;
		}

	}

}
