package dev.wsboot.engine.internal.session;

import java.util.List;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.internal.session.EndpointTable.Selection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link EndpointTable}: which endpoint serves a request and which subprotocol it answers (RFC
 * 6455 §4.2.2), and which endpoints may share a path.
 */
class EndpointTableTests {

	private static final WsHandler HANDLER = new WsHandler() {
	};

	private static WsEndpoint endpoint(String path, boolean required, String... subprotocols) {
		return new WsEndpoint(path, new WsHandler() {
		}, List.of(subprotocols), required);
	}

	@Test
	void singleEndpointAnswersTheFirstOfItsOwnSubprotocolsThatTheClientOffered() {
		WsEndpoint chat = endpoint("/chat", false, "v2.chat", "v1.chat");
		EndpointTable table = new EndpointTable(List.of(chat));
		assertThat(table.select("/chat", List.of("v1.chat", "v2.chat"))).isEqualTo(new Selection(chat, "v2.chat"));
		assertThat(table.select("/chat", List.of("other", "v1.chat"))).isEqualTo(new Selection(chat, "v1.chat"));
	}

	@Test
	void singleEndpointWithOptionalSubprotocolServesAClientThatOffersNoneOfThem() {
		WsEndpoint chat = endpoint("/chat", false, "v1.chat");
		EndpointTable table = new EndpointTable(List.of(chat));
		assertThat(table.select("/chat", List.of())).isEqualTo(new Selection(chat, null));
		assertThat(table.select("/chat", List.of("mqtt"))).isEqualTo(new Selection(chat, null));
	}

	@Test
	void endpointWithoutSubprotocolsServesAnyOfferAndAnswersNone() {
		WsEndpoint echo = WsEndpoint.of("/echo", HANDLER);
		EndpointTable table = new EndpointTable(List.of(echo));
		assertThat(table.select("/echo", List.of("mqtt"))).isEqualTo(new Selection(echo, null));
	}

	@Test
	void requiredSubprotocolWithNoMatchSelectsNothing() {
		EndpointTable table = new EndpointTable(List.of(endpoint("/chat", true, "v1.chat")));
		assertThat(table.select("/chat", List.of())).isNull();
		assertThat(table.select("/chat", List.of("v2.chat"))).isNull();
	}

	@Test
	void requiredSubprotocolThatTheClientOfferedIsSelected() {
		WsEndpoint chat = endpoint("/chat", true, "v1.chat");
		EndpointTable table = new EndpointTable(List.of(chat));
		assertThat(table.select("/chat", List.of("v0", "v1.chat"))).isEqualTo(new Selection(chat, "v1.chat"));
	}

	@Test
	void endpointsSharingAPathAreChosenByTheClientsFirstOfferThatOneOfThemNames() {
		WsEndpoint modern = endpoint("/graphql", false, "graphql-transport-ws");
		WsEndpoint legacy = endpoint("/graphql", false, "graphql-ws");
		EndpointTable table = new EndpointTable(List.of(modern, legacy));
		assertThat(table.select("/graphql", List.of("graphql-ws"))).isEqualTo(new Selection(legacy, "graphql-ws"));
		assertThat(table.select("/graphql", List.of("graphql-transport-ws")))
			.isEqualTo(new Selection(modern, "graphql-transport-ws"));
		assertThat(table.select("/graphql", List.of("unknown", "graphql-ws", "graphql-transport-ws")))
			.isEqualTo(new Selection(legacy, "graphql-ws"));
	}

	@Test
	void endpointsSharingAPathSelectNothingWhenTheClientOffersNoneOfTheirSubprotocols() {
		EndpointTable table = new EndpointTable(
				List.of(endpoint("/graphql", false, "graphql-transport-ws"), endpoint("/graphql", false, "graphql-ws")));
		assertThat(table.select("/graphql", List.of())).isNull();
		assertThat(table.select("/graphql", List.of("mqtt"))).isNull();
	}

	@Test
	void sharedPathNamesEverySubprotocolSpokenThere() {
		EndpointTable table = new EndpointTable(List.of(endpoint("/graphql", false, "graphql-transport-ws"),
				endpoint("/graphql", false, "graphql-ws", "graphql-ws-legacy")));
		assertThat(table.subprotocols("/graphql")).containsExactly("graphql-transport-ws", "graphql-ws",
				"graphql-ws-legacy");
	}

	@Test
	void sharingAPathFailsWhenOneEndpointNamesNoSubprotocol() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EndpointTable(
					List.of(endpoint("/graphql", false, "graphql-ws"), WsEndpoint.of("/graphql", HANDLER))))
			.withMessageContaining("/graphql");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EndpointTable(
					List.of(WsEndpoint.of("/graphql", HANDLER), endpoint("/graphql", false, "graphql-ws"))))
			.withMessageContaining("/graphql");
	}

	@Test
	void sharingAPathFailsWhenTwoEndpointsNameTheSameSubprotocol() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EndpointTable(List.of(endpoint("/graphql", false, "graphql-ws"),
					endpoint("/graphql", false, "graphql-transport-ws", "graphql-ws"))))
			.withMessageContaining("/graphql")
			.withMessageContaining("graphql-ws");
	}

	@Test
	void twoEndpointsWithoutSubprotocolsOnOnePathFail() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EndpointTable(List.of(WsEndpoint.of("/a", HANDLER), WsEndpoint.of("/a", HANDLER))))
			.withMessageContaining("/a");
	}

	@Test
	void pathsKeepTheOrderTheirFirstEndpointWasAdded() {
		EndpointTable table = new EndpointTable(List.of(WsEndpoint.of("/z", HANDLER), endpoint("/graphql", false, "a"),
				WsEndpoint.of("/a", HANDLER), endpoint("/graphql", false, "b"), WsEndpoint.of("/m", HANDLER)));
		assertThat(table.paths()).containsExactly("/z", "/graphql", "/a", "/m");
		assertThat(table.serves("/a")).isTrue();
		assertThat(table.serves("/b")).isFalse();
	}

	@Test
	void endpointsListsEveryEndpointByPathInTheOrderThePathsWereAdded() {
		WsEndpoint z = WsEndpoint.of("/z", HANDLER);
		WsEndpoint a = endpoint("/graphql", false, "a");
		WsEndpoint echo = WsEndpoint.of("/echo", HANDLER);
		WsEndpoint b = endpoint("/graphql", false, "b");
		WsEndpoint m = WsEndpoint.of("/m", HANDLER);
		assertThat(new EndpointTable(List.of(z, a, echo, b, m)).endpoints()).containsExactly(z, a, b, echo, m);
	}

	@Test
	void eachPathHasItsOwnCountersSharedByItsEndpoints() {
		EndpointTable table = new EndpointTable(List.of(endpoint("/graphql", false, "a"),
				endpoint("/graphql", false, "b"), WsEndpoint.of("/echo", HANDLER)));
		PathCounters graphql = table.counters("/graphql");
		PathCounters echo = table.counters("/echo");
		assertThat(graphql.path()).isEqualTo("/graphql");
		assertThat(echo.path()).isEqualTo("/echo");
		graphql.opened();
		graphql.opened();
		graphql.closed(CloseCategory.NORMAL);
		assertThat(table.counters("/graphql").connectionsOpened()).isEqualTo(2);
		assertThat(table.counters("/graphql").connectionsClosed(CloseCategory.NORMAL)).isEqualTo(1);
		assertThat(echo.connectionsOpened()).isZero();
		assertThat(table.counters("/unknown")).isNull();
	}

}
