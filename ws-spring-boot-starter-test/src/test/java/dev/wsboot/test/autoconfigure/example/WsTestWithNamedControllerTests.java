package dev.wsboot.test.autoconfigure.example;

import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestClient;
import dev.wsboot.test.autoconfigure.WsTest;
import dev.wsboot.test.autoconfigure.AutoConfigureWsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @WsTest(EchoController.class)} starts a real server on a free port with that controller
 * and the components that shape the WebSocket layer, and nothing else of the application.
 */
@WsTest(EchoController.class)
class WsTestWithNamedControllerTests {

	@Autowired
	WsTestClient client;

	@Autowired
	ApplicationContext context;

	@LocalWsPort
	int port;

	@Test
	void theNamedControllerAnswersThroughARealSocket() {
		this.client.withHeader("X-Caller", "ada").connect("/echo").send("hi").expectText("ada: hi");
	}

	@Test
	void componentsThatShapeTheWebSocketLayerAreKept() {
		assertThat(this.context.getBeansOfType(CallerResolver.class)).hasSize(1);
		this.client.connect("/echo").send("hi").expectText("anonymous: hi");
	}

	@Test
	void otherControllersAndServicesAreLeftOut() {
		assertThat(this.context.getBeansOfType(GreetingController.class)).isEmpty();
		assertThat(this.context.getBeansOfType(GreetingService.class)).isEmpty();
		this.client.expectRefused("/greet", 404);
	}

	@Test
	void onlyTheWebSocketLayersAutoConfigurationApplies() {
		assertThat(this.context.containsBean("applicationTaskExecutor")).isFalse();
		assertThat(this.context.containsBean("wsServerLifecycle")).isTrue();
		assertThat(this.context.containsBean("jacksonJsonMapper")).isTrue();
	}

	@Test
	void theServerListensOnAFreePortNotTheDefault() {
		assertThat(this.port).isPositive().isNotEqualTo(8085);
		assertThat(this.client.uri("/echo")).hasToString("ws://127.0.0.1:" + this.port + "/echo");
	}

}
