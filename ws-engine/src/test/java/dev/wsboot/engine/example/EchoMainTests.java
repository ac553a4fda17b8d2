package dev.wsboot.engine.example;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.WsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EchoMainTests {

	@Test
	void readmeEngineExampleEchoesText() throws Exception {
		WsServer server = EchoMain.start(0);
		try {
			CompletableFuture<String> reply = new CompletableFuture<>();
			WebSocket socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), new WebSocket.Listener() {
					@Override
					public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
						reply.complete(data.toString());
						return null;
					}
				})
				.get(10, TimeUnit.SECONDS);
			socket.sendText("from the README", true).join();
			assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("from the README");
			socket.sendClose(1000, "").join();
		}
		finally {
			server.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void readmeEngineExampleEchoesBinary() throws Exception {
		WsServer server = EchoMain.start(0);
		try {
			CompletableFuture<byte[]> reply = new CompletableFuture<>();
			WebSocket socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), new WebSocket.Listener() {
					@Override
					public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
						byte[] bytes = new byte[data.remaining()];
						data.get(bytes);
						reply.complete(bytes);
						return null;
					}
				})
				.get(10, TimeUnit.SECONDS);
			socket.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), true).join();
			assertThat(reply.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
			socket.sendClose(1000, "").join();
		}
		finally {
			server.stop(Duration.ofSeconds(1));
		}
	}

}
