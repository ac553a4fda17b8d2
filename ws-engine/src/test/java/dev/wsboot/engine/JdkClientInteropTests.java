package dev.wsboot.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdkClientInteropTests {

	private WsServer server;

	@BeforeEach
	void start() throws Exception {
		this.server = EchoServer.start(0, WsServerConfig.HandlerExecution.EXECUTOR);
	}

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(1));
	}

	@Test
	void textMessageIsEchoed() throws Exception {
		Client client = Client.connect(this.server.port());
		client.socket.sendText("hello wsboot", true).get(5, TimeUnit.SECONDS);
		assertThat(client.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("hello wsboot");
		client.socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
		assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
	}

	static final class Client implements WebSocket.Listener {

		final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private final StringBuilder text = new StringBuilder();

		WebSocket socket;

		static Client connect(int port) throws Exception {
			Client client = new Client();
			client.socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), client)
				.get(5, TimeUnit.SECONDS);
			return client;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.messages.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.messages.add(bytes);
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

	}

}
