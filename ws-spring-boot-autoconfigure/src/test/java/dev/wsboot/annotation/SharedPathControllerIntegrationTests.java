package dev.wsboot.annotation;

import java.util.List;
import java.util.Map;

import dev.wsboot.context.LocalWsPort;
import dev.wsboot.engine.WsSession;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two controllers on one path, told apart by the subprotocols each names: the client's offer
 * chooses, as one path serves the {@code graphql-transport-ws} protocol beside the older
 * {@code graphql-ws}.
 */
@SpringBootTest(classes = SharedPathControllerIntegrationTests.GraphQlApplication.class, properties = "ws.port=0")
class SharedPathControllerIntegrationTests {

	@LocalWsPort
	int port;

	@Test
	void offerOfTheNewProtocolReachesItsController() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/graphql", "graphql-transport-ws")) {
			assertThat(client.subprotocol()).isEqualTo("graphql-transport-ws");
			client.sendText("ping");
			assertThat(client.nextText()).isEqualTo("transport-ws:graphql-transport-ws:ping");
		}
	}

	@Test
	void offerOfTheOldProtocolReachesItsController() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/graphql", "graphql-ws")) {
			assertThat(client.subprotocol()).isEqualTo("graphql-ws");
			client.sendText("ping");
			assertThat(client.nextText()).isEqualTo("legacy-ws:graphql-ws:ping");
		}
	}

	@Test
	void firstOfferThatAControllerNamesChoosesIt() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/graphql", "unknown", "graphql-ws",
				"graphql-transport-ws")) {
			client.sendText("ping");
			assertThat(client.nextText()).isEqualTo("legacy-ws:graphql-ws:ping");
		}
	}

	@Test
	void offerThatMatchesNoControllerIsRefusedWith400() {
		assertThat(WsTestConnection.refusedStatus(this.port, "/graphql", Map.of(), List.of("mqtt"))).isEqualTo(400);
	}

	@Test
	void clientOfferingNothingIsRefusedWith400() {
		assertThat(WsTestConnection.refusedStatus(this.port, "/graphql", Map.of(), List.of())).isEqualTo(400);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ TransportWsController.class, LegacyWsController.class })
	static class GraphQlApplication {

	}

	@WsController(path = "/graphql", subprotocols = "graphql-transport-ws")
	static class TransportWsController {

		@OnMessage
		String said(WsSession session, String message) {
			return "transport-ws:" + session.subprotocol() + ":" + message;
		}

	}

	@WsController(path = "/graphql", subprotocols = "graphql-ws")
	static class LegacyWsController {

		@OnMessage
		String said(WsSession session, String message) {
			return "legacy-ws:" + session.subprotocol() + ":" + message;
		}

	}

}
