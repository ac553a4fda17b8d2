package dev.wsboot.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.wsboot.annotation.TestControllers;
import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshake interceptor beans, applied by the starter's server factory in order: refusal, session
 * attributes, the subprotocol. The application (and so its cached context) is the controller tests' one.
 */
@SpringBootTest(classes = TestControllers.class, properties = { "ws.port=0",
		"ws.allowed-origins=https://app.example.com,https://*.trusted.example" })
class WsHandshakeInterceptorIntegrationTests {

	@LocalWsPort
	int port;

	@Test
	void interceptorRejectionReachesTheClientAsItsStatus() {
		assertThat(WsTestConnection.refusedStatus(this.port, "/secure?token=wrong", Map.of(), List.of())).isEqualTo(401);
	}

	@Test
	void interceptorAttributesAreVisibleOnTheSession() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/secure?token=secret", Map.of("X-User", "ada"),
				List.of())) {
			assertThat(client.nextText()).isEqualTo("hello ada");
		}
	}

	@Test
	void interceptorCanChooseTheSubprotocol() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/proto", Map.of(), List.of("v1", "override"))) {
			assertThat(client.subprotocol()).isEqualTo("override");
		}
	}

}
