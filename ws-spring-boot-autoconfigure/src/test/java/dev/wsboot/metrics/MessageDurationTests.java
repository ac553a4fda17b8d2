package dev.wsboot.metrics;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code ws.metrics.message-duration=true}, every {@code @OnMessage} call is timed in
 * {@code ws.handler.duration}; a real client's messages are counted there one by one.
 */
@SpringBootTest(classes = MessageDurationTests.TimedApplication.class,
		properties = { "ws.port=0", "ws.metrics.message-duration=true",
				// Spring Data Redis is on this module's test classpath for the cluster tests; no Redis runs here.
				"management.health.redis.enabled=false" })
class MessageDurationTests {

	@LocalWsPort
	int wsPort;

	@Autowired
	MeterRegistry registry;

	@Test
	void eachMessageHandledIsTimed() {
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/slow")) {
			for (int i = 0; i < 4; i++) {
				client.sendText("m" + i);
				assertThat(client.nextText()).isEqualTo("m" + i);
			}
		}
		Timer timer = this.registry.get("ws.handler.duration").tag("path", "/slow").tag("event", "message").timer();
		await().until(() -> timer.count() == 4);
		// Each call sleeps 5 ms: the timer measured the method, not just counted it.
		assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(20.0);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(SlowEcho.class)
	static class TimedApplication {

	}

	@WsController("/slow")
	static class SlowEcho {

		@OnMessage
		String echo(String text) throws InterruptedException {
			Thread.sleep(5);
			return text;
		}

	}

}
