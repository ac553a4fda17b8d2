package dev.wsboot.observation;

import java.time.Duration;
import java.util.List;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.test.WsTestClient;
import dev.wsboot.test.WsTestConnection;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTraceContextBuilder;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The handshake's {@code traceparent} continues into the connection's span, and a message's
 * handling runs inside the application's trace, with Boot's own ObservationAutoConfiguration (so
 * {@code management.observations.*} apply) and Micrometer Tracing's handlers over a simple tracer.
 */
class WsObservationTracingTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, WsAutoConfiguration.class,
				WsObservationAutoConfiguration.class))
		.withUserConfiguration(TracingConfiguration.class, TraceController.class)
		.withPropertyValues("ws.port=0");

	@Test
	void theConnectionSpanContinuesTheHandshakesTraceAndMessagesRunInIt() {
		this.runner.run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			String[] reply = talk(context).split(" ");
			SimpleSpan connection = finishedSpan(tracer, "ws /trace");
			assertThat(connection.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(connection.getParentId()).isEqualTo(PARENT_SPAN_ID);
			assertThat(connection.getKind()).isEqualTo(Span.Kind.SERVER);
			assertThat(connection.getTags()).containsEntry("path", "/trace").containsEntry("outcome", "normal");
			assertThat(reply).containsExactly(TRACE_ID, connection.getSpanId());
			assertThat(tracer.getSpans()).hasSize(1);
		});
	}

	@Test
	void aMessageSpanIsAChildOfTheConnectionSpanWhenEnabled() {
		this.runner.withPropertyValues("ws.observations.messages=true").run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			String[] reply = talk(context).split(" ");
			SimpleSpan connection = finishedSpan(tracer, "ws /trace");
			SimpleSpan message = finishedSpan(tracer, "ws /trace text");
			assertThat(message.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(message.getParentId()).isEqualTo(connection.getSpanId());
			assertThat(message.getTags()).containsEntry("type", "text").containsEntry("outcome", "success");
			assertThat(reply).containsExactly(TRACE_ID, message.getSpanId());
		});
	}

	@Test
	void managementObservationsEnableTurnsAnObservationOff() {
		this.runner
			.withPropertyValues("ws.observations.messages=true", "management.observations.enable.ws.server.message=false")
			.run((context) -> {
				SimpleTracer tracer = context.getBean(SimpleTracer.class);
				String[] reply = talk(context).split(" ");
				SimpleSpan connection = finishedSpan(tracer, "ws /trace");
				assertThat(tracer.getSpans()).extracting(SimpleSpan::getName).containsExactly("ws /trace");
				assertThat(reply).containsExactly(TRACE_ID, connection.getSpanId());
			});
	}

	@Test
	void managementObservationsKeyValuesAreAdded() {
		this.runner.withPropertyValues("management.observations.key-values.region=eu").run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			talk(context);
			assertThat(finishedSpan(tracer, "ws /trace").getTags()).containsEntry("region", "eu");
		});
	}

	/** Sends one message with a traceparent on the handshake, closes, and returns the reply. */
	private static String talk(AssertableApplicationContext context) {
		WsTestConnection client = WsTestClient.forPort(WsObservationAutoConfigurationTests.port(context))
			.withHeader("traceparent", TRACEPARENT)
			.connect("/trace");
		String reply = client.send("which trace?").nextText();
		client.close(1000, "bye").expectClose(1000);
		return reply;
	}

	/** The span of this name, once the server finished it (after the client's close). */
	private static SimpleSpan finishedSpan(SimpleTracer tracer, String name) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> tracer.getSpans()
				.stream()
				.filter((span) -> name.equals(span.getName()) && span.getEndTimestamp().toEpochMilli() > 0)
				.findFirst()
				.orElse(null), (span) -> span != null);
	}

	@Configuration(proxyBeanMethods = false)
	static class TracingConfiguration {

		@Bean
		SimpleTracer tracer() {
			return new SimpleTracer();
		}

		/** As Micrometer Tracing's auto-configuration groups them: the propagating handler first. */
		@Bean
		ObservationHandler<?> tracingHandler(SimpleTracer tracer) {
			return new FirstMatchingCompositeObservationHandler(
					new PropagatingReceiverTracingObservationHandler<>(tracer, new TraceparentPropagator(tracer)),
					new DefaultTracingObservationHandler(tracer));
		}

	}

	@WsController("/trace")
	static class TraceController {

		private final Tracer tracer;

		TraceController(Tracer tracer) {
			this.tracer = tracer;
		}

		/** Answers the trace and span the handling runs in. */
		@OnMessage
		String trace(String message) {
			TraceContext current = this.tracer.currentSpan().context();
			return current.traceId() + " " + current.spanId();
		}

	}

	/**
	 * W3C Trace Context (the {@code traceparent} header) for the simple tracer, which has no
	 * propagator of its own: version, trace id, parent span id, flags.
	 */
	static final class TraceparentPropagator implements Propagator {

		private final SimpleTracer tracer;

		TraceparentPropagator(SimpleTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public List<String> fields() {
			return List.of("traceparent");
		}

		@Override
		public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
			setter.set(carrier, "traceparent", "00-" + context.traceId() + "-" + context.spanId() + "-01");
		}

		@Override
		public <C> Span.Builder extract(C carrier, Getter<C> getter) {
			String header = getter.get(carrier, "traceparent");
			Span.Builder builder = this.tracer.spanBuilder();
			if (header == null) {
				return builder;
			}
			String[] fields = header.split("-");
			return builder
				.setParent(new SimpleTraceContextBuilder().traceId(fields[1]).spanId(fields[2]).sampled(true).build());
		}

	}

}
