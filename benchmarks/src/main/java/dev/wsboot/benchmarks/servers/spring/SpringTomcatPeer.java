package dev.wsboot.benchmarks.servers.spring;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring WebSocket on embedded Tomcat, configured the way the Spring reference shows, with Tomcat's
 * default 8 KiB message buffers: Tomcat allocates them whole for every session, so raising them to
 * 1 MiB runs a 1 GiB heap out of memory at a few hundred connections. Echo therefore takes partial
 * messages and sends each part back as it comes, which is how Spring handles large ones. Broadcast
 * sends through {@link ConcurrentWebSocketSessionDecorator}, Spring's answer to concurrent sends.
 * {@code /json} reads each message into an {@link Order} with the application's Jackson mapper and
 * writes it back, the usual Spring idiom for typed messages. Run with {@code --server.port=...}.
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableWebSocket
public class SpringTomcatPeer implements WebSocketConfigurer {

	private final JsonMapper mapper;

	public SpringTomcatPeer(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public static void main(String[] args) {
		SpringApplication.run(SpringTomcatPeer.class, args);
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new Echo(), "/echo").setAllowedOrigins("*");
		registry.addHandler(new Broadcast(), "/broadcast").setAllowedOrigins("*");
		registry.addHandler(new JsonEcho(this.mapper), "/json").setAllowedOrigins("*");
	}

	static final class JsonEcho extends TextWebSocketHandler {

		private final JsonMapper mapper;

		JsonEcho(JsonMapper mapper) {
			this.mapper = mapper;
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			Order order = this.mapper.readValue(message.getPayload(), Order.class);
			session.sendMessage(new TextMessage(this.mapper.writeValueAsString(order)));
		}

	}

	static final class Echo extends AbstractWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			session.sendMessage(message);
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
			session.sendMessage(message);
		}

		@Override
		public boolean supportsPartialMessages() {
			return true;
		}

	}

	static final class Broadcast extends AbstractWebSocketHandler {

		private final Set<WebSocketSession> subscribers = ConcurrentHashMap.newKeySet();

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			this.subscribers.add(new ConcurrentWebSocketSessionDecorator(session, 10_000, 64 * 1024 * 1024));
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			this.subscribers.removeIf((s) -> s.getId().equals(session.getId()));
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			for (WebSocketSession subscriber : this.subscribers) {
				subscriber.sendMessage(message);
			}
		}

	}

}
