package dev.wsboot.observation;

import java.lang.reflect.Proxy;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsSession;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DefaultWsConnectionObservationConvention}: the keys of open and closed connections, and
 * the key values every open connection of a path shares instead of holding its own.
 */
class DefaultWsConnectionObservationConventionTests {

	private final DefaultWsConnectionObservationConvention convention = new DefaultWsConnectionObservationConvention();

	private static WsConnectionObservationContext context(long id, String path) {
		WsSession session = (WsSession) Proxy.newProxyInstance(WsSession.class.getClassLoader(),
				new Class<?>[] { WsSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "id" -> id;
					case "path" -> path;
					default -> null;
				});
		return new WsConnectionObservationContext(session);
	}

	private static KeyValue key(KeyValues values, String key) {
		return values.stream().filter((value) -> value.getKey().equals(key)).findFirst().orElseThrow();
	}

	@Test
	void openConnectionHasItsPathAndAnUnknownOutcomeAndCloseCode() {
		WsConnectionObservationContext context = context(7, "/chat");
		assertThat(this.convention.getLowCardinalityKeyValues(context)).containsExactly(KeyValue.of("outcome", "unknown"),
				KeyValue.of("path", "/chat"));
		assertThat(this.convention.getHighCardinalityKeyValues(context)).containsExactly(KeyValue.of("client.id", "7"),
				KeyValue.of("close.code", "unknown"));
	}

	@Test
	void closedConnectionHasTheOutcomeAndCloseCodeOfItsClose() {
		WsConnectionObservationContext context = context(7, "/chat");
		context.setCloseStatus(new CloseStatus(1001, "bye"));
		assertThat(key(this.convention.getLowCardinalityKeyValues(context), "outcome").getValue()).isEqualTo("going-away");
		assertThat(key(this.convention.getHighCardinalityKeyValues(context), "close.code").getValue()).isEqualTo("1001");
	}

	@Test
	void openConnectionsOfOnePathShareTheirPathOutcomeAndCloseCodeKeyValues() {
		KeyValues first = this.convention.getLowCardinalityKeyValues(context(1, "/chat"));
		KeyValues second = this.convention.getLowCardinalityKeyValues(context(2, "/chat"));
		assertThat(key(second, "path")).isSameAs(key(first, "path"));
		assertThat(key(second, "outcome")).isSameAs(key(first, "outcome"));
		assertThat(key(this.convention.getHighCardinalityKeyValues(context(2, "/chat")), "close.code"))
			.isSameAs(key(this.convention.getHighCardinalityKeyValues(context(1, "/chat")), "close.code"));
		assertThat(key(this.convention.getLowCardinalityKeyValues(context(3, "/other")), "path").getValue())
			.isEqualTo("/other");
	}

}
