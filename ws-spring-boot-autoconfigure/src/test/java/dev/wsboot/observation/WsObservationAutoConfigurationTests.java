package dev.wsboot.observation;

import java.time.Duration;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.annotation.WsControllerRegistry;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.test.WsTestConnection;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Observations of real connections from a real client, recorded by a TestObservationRegistry:
 * one per connection from open to close, one per message only when asked for, none without a
 * registry, and the names and keys of a convention bean.
 */
class WsObservationAutoConfigurationTests {

	private static final String CONNECTION = "ws.server.connection";

	private static final String MESSAGE = "ws.server.message";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsObservationAutoConfiguration.class))
		.withUserConfiguration(EchoController.class)
		.withPropertyValues("ws.port=0");

	@Test
	void aConnectionIsOneObservationFromItsOpenToItsClose() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			try (WsTestConnection client = WsTestConnection.connect(port(context), "/echo")) {
				client.send("one").expectText("one").send("two").expectText("two");
				assertThat(registry).hasObservationWithNameEqualTo(CONNECTION).that().hasBeenStarted().isNotStopped();
				client.close(1000, "bye").expectClose(1000);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo(CONNECTION).that().hasBeenStopped());
			assertThat(registry).hasNumberOfObservationsEqualTo(1)
				.hasObservationWithNameEqualTo(CONNECTION)
				.that()
				.hasContextualNameEqualTo("ws /echo")
				.hasLowCardinalityKeyValue("path", "/echo")
				.hasLowCardinalityKeyValue("outcome", "normal")
				.hasHighCardinalityKeyValue("close.code", "1000")
				.hasHighCardinalityKeyValueWithKey("client.id");
		});
	}

	@Test
	void theOutcomeIsWhyTheConnectionClosed() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("ws.max-message-size=8B", "ws.max-frame-size=8B")
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				try (WsTestConnection client = WsTestConnection.connect(port(context), "/echo")) {
					client.send("more than eight bytes").expectClose(1009);
				}
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo(CONNECTION)
						.that()
						.hasBeenStopped()
						.hasLowCardinalityKeyValue("outcome", "too-big"));
			});
	}

	@Test
	void messagesAreNotObservedByDefault() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			closeAfterTwoMessages(port(context));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo(CONNECTION).that().hasBeenStopped());
			assertThat(registry).hasNumberOfObservationsWithNameEqualTo(MESSAGE, 0);
		});
	}

	@Test
	void eachMessageIsAChildObservationWhenEnabled() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("ws.observations.messages=true")
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				closeAfterTwoMessages(port(context));
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo(CONNECTION)
						.that()
						.hasBeenStopped());
				assertThat(registry).hasNumberOfObservationsWithNameEqualTo(MESSAGE, 2)
					.forAllObservationsWithNameEqualTo(MESSAGE, (message) -> message
						.hasContextualNameEqualTo("ws /echo text")
						.hasLowCardinalityKeyValue("path", "/echo")
						.hasLowCardinalityKeyValue("type", "text")
						.hasLowCardinalityKeyValue("outcome", "success")
						.hasParentObservationContextMatching(
								(parent) -> parent instanceof WsConnectionObservationContext));
			});
	}

	@Test
	void withoutAnObservationRegistryNothingIsDecorated() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(ObservationWsHandlerDecorator.class);
			closeAfterTwoMessages(port(context));
		});
	}

	@Test
	void decoratedEndpointsStillNameTheirController() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			WsEndpoint endpoint = context.getBean(WsServerLifecycle.class).getServer().endpoints().iterator().next();
			assertThat(endpoint.handler()).isInstanceOf(ObservingWsHandler.class);
			assertThat(context.getBean(WsControllerRegistry.class).controllerClass(endpoint))
				.contains(EchoController.class);
		});
	}

	@Test
	void aConventionBeanNamesTheObservationAndItsKeys() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(WsConnectionObservationConvention.class, RegionConvention::new)
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				closeAfterTwoMessages(port(context));
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo("chat.sessions")
						.that()
						.hasBeenStopped()
						.hasLowCardinalityKeyValue("region", "eu")
						.hasLowCardinalityKeyValue("outcome", "normal"));
			});
	}

	@Test
	void anObservationPredicateOfTheRegistryApplies() {
		this.runner.withBean(ObservationRegistry.class, () -> {
			TestObservationRegistry registry = TestObservationRegistry.create();
			registry.observationConfig().observationPredicate((name, context) -> !name.startsWith("ws."));
			return registry;
		}).withPropertyValues("ws.observations.messages=true").run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			closeAfterTwoMessages(port(context));
			assertThat(registry).doesNotHaveAnyObservation();
		});
	}

	@Test
	void withOnlyTheMetricsHandlerMessagesAreHandledOutsideAnyScope() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(ObservationHandler.class, () -> new DefaultMeterObservationHandler(new SimpleMeterRegistry()))
			.withUserConfiguration(CurrentObservationController.class)
			.run((context) -> assertThat(currentObservation(context)).isEqualTo("none"));
	}

	@Test
	void withAnotherObservationHandlerMessagesAreHandledInTheConnectionsScope() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(ObservationHandler.class, () -> (ObservationHandler<Observation.Context>) (context) -> true)
			.withUserConfiguration(CurrentObservationController.class)
			.run((context) -> assertThat(currentObservation(context)).isEqualTo(CONNECTION));
	}

	@Test
	void messageScopeTrueHandlesMessagesInTheConnectionsScopeWithoutTracing() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("ws.observations.message-scope=true")
			.withUserConfiguration(CurrentObservationController.class)
			.run((context) -> assertThat(currentObservation(context)).isEqualTo(CONNECTION));
	}

	@Test
	void messageScopeFalseHandlesMessagesOutsideAnyScopeWhateverTheHandlers() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(ObservationHandler.class, () -> (ObservationHandler<Observation.Context>) (context) -> true)
			.withPropertyValues("ws.observations.message-scope=false")
			.withUserConfiguration(CurrentObservationController.class)
			.run((context) -> assertThat(currentObservation(context)).isEqualTo("none"));
	}

	/** The name of the observation a message is handled in, as the controller sees it. */
	private static String currentObservation(AssertableApplicationContext context) {
		try (WsTestConnection client = WsTestConnection.connect(port(context), "/current")) {
			return client.send("which?").nextText();
		}
	}

	private static void closeAfterTwoMessages(int port) {
		try (WsTestConnection client = WsTestConnection.connect(port, "/echo")) {
			client.send("one").expectText("one").send("two").expectText("two").close(1000, "bye").expectClose(1000);
		}
	}

	static int port(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(WsServerLifecycle.class).getServer().port();
	}

	@WsController("/echo")
	static class EchoController {

		@OnMessage
		String echo(String message) {
			return message;
		}

	}

	@WsController("/current")
	static class CurrentObservationController {

		private final ObservationRegistry registry;

		CurrentObservationController(ObservationRegistry registry) {
			this.registry = registry;
		}

		@OnMessage
		String current(String message) {
			Observation current = this.registry.getCurrentObservation();
			return (current != null) ? current.getContext().getName() : "none";
		}

	}

	static class RegionConvention extends DefaultWsConnectionObservationConvention {

		@Override
		public String getName() {
			return "chat.sessions";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(WsConnectionObservationContext context) {
			return super.getLowCardinalityKeyValues(context).and(KeyValue.of("region", "eu"));
		}

	}

}
