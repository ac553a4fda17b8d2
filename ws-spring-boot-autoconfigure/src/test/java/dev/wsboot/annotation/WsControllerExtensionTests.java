package dev.wsboot.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.WsSession;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.MethodParameter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open controller model: argument resolver and return value handler beans, {@link ClientId},
 * and the startup checks of controllers that share a path. Served through real sockets.
 */
class WsControllerExtensionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("ws.port=0");

	@Test
	void argumentResolverBeanSuppliesAParameterOfItsOwnType() {
		this.runner.withBean(CallerResolver.class)
			.withUserConfiguration(CallerController.class)
			.run((context) -> assertThat(reply(context, "/caller", "hi")).matches("caller on /caller said hi"));
	}

	@Test
	void argumentResolverBeanIsConsultedBeforeTheBuiltInsAndClientIdIsExplicit() {
		this.runner.withBean(AnswerResolver.class).withUserConfiguration(AnswerController.class).run((context) -> {
			try (WsTestConnection client = WsTestConnection.connect(port(context), "/answer")) {
				client.sendText("question");
				long id = context.getBean(WsServerLifecycle.class).getServer().sessions().iterator().next().id();
				assertThat(client.nextText()).isEqualTo("42 from " + id + ": question");
			}
		});
	}

	@Test
	void eachParameterIsResolvedByTheResolverChosenAtStartupWithoutASearchPerMessage() {
		this.runner.withBean(CallerResolver.class).withUserConfiguration(CallerController.class).run((context) -> {
			CallerResolver resolver = context.getBean(CallerResolver.class);
			int asked = resolver.supportsCalls.get();
			try (WsTestConnection client = WsTestConnection.connect(port(context), "/caller")) {
				for (int i = 0; i < 3; i++) {
					client.sendText("m" + i);
					assertThat(client.nextText()).endsWith("said m" + i);
				}
			}
			assertThat(asked).as("parameters inspected at startup").isEqualTo(2);
			assertThat(resolver.supportsCalls).hasValue(asked);
			assertThat(resolver.resolveCalls).hasValue(3);
		});
	}

	@Test
	void methodsOfThreeAndOfFiveParametersGetEachArgumentInItsPlace() {
		this.runner.withBean(CallerResolver.class).withUserConfiguration(ManyParametersController.class).run((context) -> {
			try (WsTestConnection client = WsTestConnection.connect(port(context), "/many")) {
				client.sendText("hi");
				String reply = client.nextText();
				long id = context.getBean(WsServerLifecycle.class).getServer().sessions().iterator().next().id();
				assertThat(reply).isEqualTo("hi|/many|" + id + "|/many|/many");
				client.sendBinary(new byte[] { 1, 2 });
				assertThat(client.nextBinary()).containsExactly(1, 2, (byte) id, "/many".length());
			}
		});
	}

	@Test
	void returnValueHandlerBeanSendsAReplyTypeOfItsOwn() {
		this.runner.withBean(EnvelopeHandler.class)
			.withUserConfiguration(EnvelopeController.class)
			.run((context) -> assertThat(reply(context, "/envelope", "x")).isEqualTo("envelope[x]"));
	}

	@Test
	void clientIdOnAParameterThatIsNotALongFailsNamingClassAndMethod() {
		this.runner.withUserConfiguration(StringClientIdController.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(WsControllerDefinitionException.class)
				.hasMessageContaining(StringClientIdController.class.getName() + ".said(String, String)")
				.hasMessageContaining("@ClientId");
		});
	}

	@Test
	void controllerWithoutSubprotocolsOnAPathSharedWithOneThatNamesThemFailsNamingBothAndThePath() {
		this.runner.withUserConfiguration(GraphQlController.class, PlainGraphQlController.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Two controllers on path /graphql")
				.hasMessageContaining(GraphQlController.class.getName())
				.hasMessageContaining(PlainGraphQlController.class.getName());
		});
	}

	@Test
	void controllersNamingTheSameSubprotocolOnOnePathFail() {
		this.runner.withUserConfiguration(GraphQlController.class, OtherGraphQlController.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("name subprotocol 'graphql-ws'")
				.hasMessageContaining(GraphQlController.class.getName())
				.hasMessageContaining(OtherGraphQlController.class.getName());
		});
	}

	private static int port(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(WsServerLifecycle.class).getServer().port();
	}

	private static String reply(AssertableApplicationContext context, String path, String message) {
		try (WsTestConnection client = WsTestConnection.connect(port(context), path)) {
			client.sendText(message);
			return client.nextText();
		}
	}

	record Caller(String path) {
	}

	static class CallerResolver implements WsArgumentResolver {

		final AtomicInteger supportsCalls = new AtomicInteger();

		final AtomicInteger resolveCalls = new AtomicInteger();

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			this.supportsCalls.incrementAndGet();
			return parameter.getParameterType() == Caller.class;
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, WsSession session, Object payload) {
			this.resolveCalls.incrementAndGet();
			return new Caller(session.path());
		}

	}

	@WsController("/caller")
	static class CallerController {

		@OnMessage
		String said(Caller caller, String message) {
			return "caller on " + caller.path() + " said " + message;
		}

	}

	/** Beyond three parameters the call takes another way than with fewer (HandlerMethod.invoke). */
	@WsController("/many")
	static class ManyParametersController {

		@OnMessage
		String text(String message, Caller caller, @ClientId long id, WsSession session, Caller again) {
			return message + "|" + caller.path() + "|" + id + "|" + session.path() + "|" + again.path();
		}

		@OnMessage
		byte[] binary(byte[] data, @ClientId long id, Caller caller) {
			return new byte[] { data[0], data[1], (byte) id, (byte) caller.path().length() };
		}

	}

	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@interface Answer {

	}

	/** Claims long parameters marked {@link Answer}, which the built-ins would take as the client id. */
	static class AnswerResolver implements WsArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.hasParameterAnnotation(Answer.class);
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, WsSession session, Object payload) {
			return 42L;
		}

	}

	@WsController("/answer")
	static class AnswerController {

		@OnMessage
		String said(@Answer long answer, @ClientId long clientId, String message) {
			return answer + " from " + clientId + ": " + message;
		}

	}

	record Envelope(String body) {
	}

	static class EnvelopeHandler implements WsReturnValueHandler {

		@Override
		public boolean supportsReturnType(MethodParameter returnType) {
			return returnType.getParameterType() == Envelope.class;
		}

		@Override
		public void handleReturnValue(Object returnValue, MethodParameter returnType, WsSession session) {
			session.sendText("envelope[" + ((Envelope) returnValue).body() + "]");
		}

	}

	@WsController("/envelope")
	static class EnvelopeController {

		@OnMessage
		Envelope said(String message) {
			return new Envelope(message);
		}

	}

	@WsController("/wrong-id")
	static class StringClientIdController {

		@OnMessage
		void said(@ClientId String id, String message) {
		}

	}

	@WsController(path = "/graphql", subprotocols = "graphql-ws")
	static class GraphQlController {

	}

	@WsController("/graphql")
	static class PlainGraphQlController {

	}

	@WsController(path = "/graphql", subprotocols = { "graphql-transport-ws", "graphql-ws" })
	static class OtherGraphQlController {

	}

}
