package dev.wsboot.annotation;

import dev.wsboot.context.LocalWsPort;
import dev.wsboot.server.WsHandlerDecorator;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @WsController(blocking = false)} runs the controller on the I/O thread that read the
 * message; a controller that may block (the default) beside it still runs on a handler thread.
 */
@SpringBootTest(classes = NonBlockingControllerIntegrationTests.Application.class, properties = "ws.port=0")
class NonBlockingControllerIntegrationTests {

	@LocalWsPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void theHandlersAreDecoratedByTheObservationsSoTheDecoratorsKeepTheChoice() {
		// Actuator on this classpath brings an ObservationRegistry, so every handler is wrapped.
		assertThat(this.context.getBeansOfType(WsHandlerDecorator.class)).isNotEmpty();
	}

	@Test
	void aNonBlockingControllerIsCalledOnTheIoThread() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/non-blocking")) {
			client.sendText("where?");
			assertThat(client.nextText()).isEqualTo("ws-io");
		}
	}

	@Test
	void aControllerThatMayBlockIsCalledOnAHandlerThread() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/blocking")) {
			client.sendText("where?");
			// Pool threads are named ws-handler-N; virtual threads (with spring.threads.virtual.enabled) may have no name.
			assertThat(client.nextText()).isIn("ws-handler", "");
		}
	}

	private static String threadKind() {
		return Thread.currentThread().getName().replaceAll("-\\d+$", "");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ NonBlockingController.class, BlockingController.class })
	static class Application {

	}

	@WsController(path = "/non-blocking", blocking = false)
	static class NonBlockingController {

		@OnMessage
		String where(String message) {
			return threadKind();
		}

	}

	@WsController("/blocking")
	static class BlockingController {

		@OnMessage
		String where(String message) {
			return threadKind();
		}

	}

}
