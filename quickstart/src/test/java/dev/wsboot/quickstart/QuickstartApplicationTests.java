package dev.wsboot.quickstart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wsboot.context.LocalWsPort;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start works as the README promises: both controllers answer a real client, and
 * actuator reports the connections.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.port=0")
@AutoConfigureRestTestClient
class QuickstartApplicationTests {

	@LocalWsPort
	int wsPort;

	@Autowired
	RestTestClient http;

	@Test
	void chatAnnouncesAndAnswers() throws Exception {
		Client client = new Client();
		WebSocket socket = connect("/chat", client);
		assertThat(client.next()).matches("ClientID \\d+ just joined the server");
		socket.sendText("hello", true).join();
		assertThat(client.next()).isEqualTo("You said: hello");
		this.http.get().uri("/actuator/metrics/ws.connections.active?tag=path:/chat").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.measurements[0].value").isEqualTo(1.0);
		socket.sendClose(1000, "").join();
	}

	@Test
	void pricesAnswerJsonAndReportErrorsWithoutClosing() throws Exception {
		Client client = new Client();
		WebSocket socket = connect("/prices", client);
		socket.sendText("{\"symbol\":\"ACME\"}", true).join();
		assertThat(client.next()).isEqualTo("{\"symbol\":\"ACME\",\"price\":42.0}");
		socket.sendText("{\"symbol\":\"\"}", true).join();
		assertThat(client.next()).isEqualTo("{\"error\":\"symbol is required\"}");
		socket.sendText("{\"symbol\":\"B\"}", true).join();
		assertThat(client.next()).contains("\"B\"");
		socket.sendClose(1000, "").join();
	}

	@Test
	void healthShowsTheWebSocketServer() {
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

	private WebSocket connect(String path, Client client) throws Exception {
		return HttpClient.newHttpClient().newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.wsPort + path), client)
			.get(10, TimeUnit.SECONDS);
	}

	static final class Client implements WebSocket.Listener {

		private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();

		private final StringBuilder text = new StringBuilder();

		String next() throws InterruptedException {
			String message = this.messages.poll(10, TimeUnit.SECONDS);
			assertThat(message).as("a message within 10 seconds").isNotNull();
			return message;
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

	}

}
