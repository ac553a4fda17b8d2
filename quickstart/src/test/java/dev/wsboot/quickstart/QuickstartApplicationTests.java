package dev.wsboot.quickstart;

import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestConnection;
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
	void chatAnnouncesAndAnswers() {
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/chat")) {
			assertThat(client.nextText()).matches("ClientID \\d+ just joined the server");
			client.sendText("hello");
			assertThat(client.nextText()).isEqualTo("You said: hello");
			this.http.get().uri("/actuator/metrics/ws.connections.active?tag=path:/chat").exchange()
				.expectStatus().isOk().expectBody().jsonPath("$.measurements[0].value").isEqualTo(1.0);
		}
	}

	@Test
	void pricesAnswerJsonAndReportErrorsWithoutClosing() {
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/prices")) {
			client.sendText("{\"symbol\":\"ACME\"}");
			assertThat(client.nextText()).isEqualTo("{\"symbol\":\"ACME\",\"price\":42.0}");
			client.sendText("{\"symbol\":\"\"}");
			assertThat(client.nextText()).isEqualTo("{\"error\":\"symbol is required\"}");
			client.sendText("{\"symbol\":\"B\"}");
			assertThat(client.nextText()).contains("\"B\"");
		}
	}

	@Test
	void healthShowsTheWebSocketServer() {
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

}
