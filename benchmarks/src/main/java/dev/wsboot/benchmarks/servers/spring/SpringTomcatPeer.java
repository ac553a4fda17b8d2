package dev.wsboot.benchmarks.servers.spring;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Spring WebSocket on embedded Tomcat, configured the way the Spring reference shows. Broadcast
 * sends through {@link ConcurrentWebSocketSessionDecorator}, Spring's answer to concurrent sends.
 * Run with {@code --server.port=...}.
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableWebSocket
public class SpringTomcatPeer implements WebSocketConfigurer {

	private static final int MAX = 16 * 1024 * 1024;

	public static void main(String[] args) {
		SpringApplication.run(SpringTomcatPeer.class, args);
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new Echo(), "/echo").setAllowedOrigins("*");
		registry.addHandler(new Broadcast(), "/broadcast").setAllowedOrigins("*");
	}

	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(MAX);
		container.setMaxBinaryMessageBufferSize(MAX);
		container.setMaxSessionIdleTimeout(0L);
		return container;
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
