package dev.wsboot.context;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The server's life with the application: start, port publication, events, shutdown, failure.
 */
@ExtendWith(OutputCaptureExtension.class)
class WsServerLifecycleTests {

	@Test
	void shutdownIsLoggedWithThePort(CapturedOutput output) {
		ConfigurableApplicationContext context = run("--ws.port=0");
		int port = port(context);
		context.close();
		assertThat(output).contains("WebSocket server on port " + port + " stopped");
	}

	@Test
	void shutdownSendsGoingAwayToConnectedClients() {
		ConfigurableApplicationContext context = run("--ws.port=0");
		int port = context.getBean(WsServerLifecycle.class).getServer().port();
		WsTestConnection client = WsTestConnection.connect(port, "/thread");
		context.close();
		WsTestConnection.Close status = client.awaitClose();
		assertThat(status.code()).isEqualTo(1001);
		assertThat(status.reason()).isEqualTo("Server shutting down");
	}

	@Test
	void boundPortIsPublishedAsLocalWsPort() {
		try (ConfigurableApplicationContext context = run("--ws.port=0")) {
			int port = context.getBean(WsServerLifecycle.class).getServer().port();
			assertThat(context.getEnvironment().getProperty("local.ws.port", Integer.class)).isEqualTo(port);
		}
	}

	@Test
	void startedAndStoppedEventsArePublished() {
		List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LifecycleApplication.class)
			.web(WebApplicationType.NONE)
			.listeners((ApplicationListener<ApplicationEvent>) (event) -> {
				if (event instanceof WsServerStartedEvent || event instanceof WsServerStoppedEvent) {
					events.add(event);
				}
			})
			.run("--ws.port=0");
		int port = context.getBean(WsServerLifecycle.class).getServer().port();
		context.close();
		assertThat(events).hasSize(2);
		assertThat(events.get(0)).isInstanceOfSatisfying(WsServerStartedEvent.class,
				(started) -> assertThat(started.getPort()).isEqualTo(port));
		assertThat(events.get(1)).isInstanceOf(WsServerStoppedEvent.class);
	}

	@Test
	void portInUseFailsStartupWithAnAnalysisNamingTheProperty(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
			assertThatException().isThrownBy(() -> run("--ws.port=" + taken.getLocalPort()))
				.havingRootCause()
				.isInstanceOf(java.net.BindException.class);
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("WebSocket server failed to start. Port " + taken.getLocalPort() + " was already in use.")
				.contains("'ws.port'");
		}
	}

	@Test
	void handlersRunOnTheBoundedPoolByDefault() {
		try (ConfigurableApplicationContext context = run("--ws.port=0", "--spring.threads.virtual.enabled=false");
				WsTestConnection client = WsTestConnection.connect(port(context), "/thread")) {
			client.sendText("which");
			assertThat(client.nextText()).startsWith("ws-handler-").endsWith(" virtual=false");
		}
	}

	@Test
	void handlersRunOnVirtualThreadsWhenEnabledOnJava21() {
		org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21,
				"virtual threads need Java 21 or later");
		try (ConfigurableApplicationContext context = run("--ws.port=0", "--spring.threads.virtual.enabled=true");
				WsTestConnection client = WsTestConnection.connect(port(context), "/thread")) {
			client.sendText("which");
			assertThat(client.nextText()).endsWith(" virtual=true");
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getBean(WsServerLifecycle.class).getServer().port();
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(LifecycleApplication.class).web(WebApplicationType.NONE).run(args);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ThreadController.class)
	static class LifecycleApplication {

	}

	@WsController("/thread")
	static class ThreadController {

		@OnMessage
		String which(String message) throws Exception {
			Thread thread = Thread.currentThread();
			return thread.getName() + " virtual=" + isVirtual(thread);
		}

		/** Thread.isVirtual() exists from Java 21 on; before, no thread is virtual. */
		private static boolean isVirtual(Thread thread) throws Exception {
			try {
				return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			}
			catch (NoSuchMethodException ex) {
				return false;
			}
		}

	}

}
