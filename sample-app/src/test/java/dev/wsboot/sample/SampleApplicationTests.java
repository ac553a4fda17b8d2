package dev.wsboot.sample;

import dev.wsboot.context.LocalWsPort;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's HTTP side: the page, {@code /ws-info} and the actuator endpoints it exposes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.port=0")
@AutoConfigureRestTestClient
class SampleApplicationTests {

	@Autowired
	RestTestClient http;

	@LocalWsPort
	int wsPort;

	@Test
	void healthIsUpWithTheWebSocketServerRunning() {
		this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void chatPageIsServedAtTheRoot() {
		String page = this.http.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("<title>wsboot chat</title>", "new WebSocket(", "/ws-info",
				"/actuator/metrics/ws.connections.active");
	}

	@Test
	void wsInfoGivesTheBoundWebSocketPort() {
		assertThat(this.wsPort).isPositive();
		this.http.get()
			.uri("/ws-info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.port")
			.isEqualTo(this.wsPort);
	}

	@Test
	void activeConnectionsMetricHasAMeasurementPerEndpointPath() {
		this.http.get()
			.uri("/actuator/metrics/ws.connections.active")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[0].statistic")
			.isEqualTo("VALUE")
			.jsonPath("$.availableTags[?(@.tag == 'path')].values[*]")
			.value((paths) -> assertThat(paths.toString()).contains("/echo", "/broadcast", "/chat", "/reverse"));
	}

	@Test
	void prometheusAndWebSocketEndpointsAreExposed() {
		this.http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/websocket").exchange().expectStatus().isOk();
	}

}
