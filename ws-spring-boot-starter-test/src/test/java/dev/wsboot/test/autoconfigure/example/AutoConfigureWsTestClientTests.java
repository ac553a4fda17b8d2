package dev.wsboot.test.autoconfigure.example;

import java.time.Duration;

import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.test.WsTestClient;
import dev.wsboot.test.autoconfigure.WsTest;
import dev.wsboot.test.autoconfigure.AutoConfigureWsTestClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @AutoConfigureWsTestClient} on a full {@code @SpringBootTest}: the whole application,
 * and a client pointed at its server. The connections one test leaves open are closed before the
 * next test runs.
 */
@SpringBootTest(properties = "ws.port=0")
@AutoConfigureWsTestClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureWsTestClientTests {

	@Autowired
	WsTestClient client;

	@Autowired
	WsServerLifecycle server;

	@Autowired
	GreetingService greetings;

	@Test
	@Order(1)
	void theClientReachesTheWholeApplication() {
		this.client.connect("/greet").send("Ada").expectText("Hello, Ada");
		this.client.connect("/echo").send("hi").expectText("anonymous: hi");
		assertThat(this.server.getServer().activeConnections()).isEqualTo(2);
	}

	@Test
	@Order(2)
	void connectionsLeftOpenByTheTestBeforeAreClosed() {
		this.client.connect("/echo").send("again").expectText("anonymous: again");
		// The two connections of the test before are gone once the server read their close.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.getServer().activeConnections() == 1);
	}

}
