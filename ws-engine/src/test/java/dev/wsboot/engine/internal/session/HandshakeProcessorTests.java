package dev.wsboot.engine.internal.session;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.HandshakeRejection;
import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsHandshakeInterceptor;
import dev.wsboot.engine.internal.protocol.HttpRequest;
import dev.wsboot.engine.internal.protocol.HttpRequestParser;
import dev.wsboot.engine.internal.session.HandshakeDecision.Accept;
import dev.wsboot.engine.internal.session.HandshakeDecision.Reject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HandshakeProcessor}: real request bytes, parsed by {@link HttpRequestParser}, decided by
 * path, the RFC 6455 §4.2.1 checks, origin, subprotocol, connection limit and interceptors; and
 * the connection slot an accept holds, given back by every refusal after it was reserved.
 */
class HandshakeProcessorTests {

	private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

	private final WsEndpoint chat = new WsEndpoint("/chat", new WsHandler() {
	}, List.of("v2.chat", "v1.chat"), false);

	private final WsEndpoint modern = new WsEndpoint("/graphql", new WsHandler() {
	}, List.of("graphql-transport-ws"), false);

	private final WsEndpoint legacy = new WsEndpoint("/graphql", new WsHandler() {
	}, List.of("graphql-ws"), false);

	private final EndpointTable endpoints = new EndpointTable(List.of(this.chat, this.modern, this.legacy));

	private final ExecutorService pool = Executors.newFixedThreadPool(2, (task) -> new Thread(task, "interceptors"));

	@AfterEach
	void shutdown() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	private SessionRegistry registry(int maxConnections) {
		return new SessionRegistry(LimitsConfig.builder().maxConnections(maxConnections).build(), this.endpoints.paths(),
				List.of());
	}

	private HandshakeProcessor processor(SessionRegistry sessions, Executor executor,
			WsHandshakeInterceptor... interceptors) {
		return new HandshakeProcessor(this.endpoints, new OriginMatcher(List.of("https://*.example.com")),
				List.of(interceptors), sessions, executor);
	}

	private static HttpRequest parse(String head) {
		HttpRequest request = new HttpRequestParser(8192).parse(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
		assertThat(request).as("a complete request head").isNotNull();
		return request;
	}

	private static HandshakeDecision decide(HandshakeProcessor processor, String head) throws Exception {
		return processor.decide(parse(head), CLIENT).toCompletableFuture().get(5, TimeUnit.SECONDS);
	}

	private static HandshakeDecision decideUpgrade(HandshakeProcessor processor, String path, String... headers)
			throws Exception {
		return decide(processor, RawClient.upgradeRequest(path, headers));
	}

	private static void assertRefused(HandshakeDecision decision, int status, HandshakeRejection reason) {
		assertThat(decision).isInstanceOfSatisfying(Reject.class, (refuse) -> {
			assertThat(refuse.answer().status()).as("status, message '%s'", refuse.answer().getMessage())
				.isEqualTo(status);
			assertThat(refuse.reason()).isEqualTo(reason);
		});
	}

	private static Accept accepted(HandshakeDecision decision) {
		assertThat(decision).isInstanceOf(Accept.class);
		return (Accept) decision;
	}

	// What the request says

	@Test
	void acceptCarriesTheKeyTheEndpointAndTheSubprotocolItAnswers() throws Exception {
		SessionRegistry sessions = registry(10);
		Accept accept = accepted(
				decideUpgrade(processor(sessions, null), "/chat?room=1", "Sec-WebSocket-Protocol: v1.chat, v2.chat"));
		assertThat(accept.key()).isEqualTo(RawClient.KEY);
		assertThat(accept.endpoint()).isSameAs(this.chat);
		assertThat(accept.handshake().subprotocol()).isEqualTo("v2.chat");
		assertThat(accept.handshake().requestedSubprotocols()).containsExactly("v1.chat", "v2.chat");
		assertThat(accept.handshake().path()).isEqualTo("/chat");
		assertThat(accept.handshake().queryParameters()).containsEntry("room", List.of("1"));
		assertThat(accept.handshake().remoteAddress()).isEqualTo(CLIENT);
		assertThat(accept.stats()).isSameAs(this.endpoints.counters("/chat"));
	}

	@Test
	void acceptOnASharedPathCarriesTheEndpointTheOfferChose() throws Exception {
		HandshakeProcessor processor = processor(registry(10), null);
		Accept legacyAccept = accepted(decideUpgrade(processor, "/graphql", "Sec-WebSocket-Protocol: graphql-ws"));
		assertThat(legacyAccept.endpoint()).isSameAs(this.legacy);
		assertThat(legacyAccept.handshake().subprotocol()).isEqualTo("graphql-ws");
		Accept modernAccept = accepted(
				decideUpgrade(processor, "/graphql", "Sec-WebSocket-Protocol: graphql-transport-ws"));
		assertThat(modernAccept.endpoint()).isSameAs(this.modern);
		assertThat(modernAccept.handshake().subprotocol()).isEqualTo("graphql-transport-ws");
	}

	@Test
	void unknownPathIsRefusedWith404() throws Exception {
		SessionRegistry sessions = registry(1);
		assertRefused(decideUpgrade(processor(sessions, null), "/nowhere"), 404, HandshakeRejection.NOT_FOUND);
		assertThat(sessions.tryReserve(null)).as("a refusal before the limit check holds no slot")
			.isEqualTo(SessionRegistry.Refusal.NONE);
	}

	@Test
	void requestThatIsNotAnUpgradeIsRefusedWith426() throws Exception {
		assertRefused(decide(processor(registry(1), null), "GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 426,
				HandshakeRejection.VERSION);
	}

	@Test
	void unsupportedWebSocketVersionIsRefusedWith426() throws Exception {
		String head = RawClient.upgradeRequest("/chat").replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
		assertRefused(decide(processor(registry(1), null), head), 426, HandshakeRejection.VERSION);
	}

	@Test
	void upgradeWithoutAValidKeyIsRefusedWith400() throws Exception {
		String head = RawClient.upgradeRequest("/chat").replace(RawClient.KEY, "c2hvcnQ=");
		assertRefused(decide(processor(registry(1), null), head), 400, HandshakeRejection.BAD_REQUEST);
	}

	@Test
	void upgradeWithoutConnectionUpgradeIsRefusedWith400() throws Exception {
		String head = RawClient.upgradeRequest("/chat").replace("Connection: Upgrade", "Connection: keep-alive");
		assertRefused(decide(processor(registry(1), null), head), 400, HandshakeRejection.BAD_REQUEST);
	}

	@Test
	void upgradeWithAnotherMethodThanGetIsRefusedWith405() throws Exception {
		String head = RawClient.upgradeRequest("/chat").replace("GET ", "POST ");
		assertRefused(decide(processor(registry(1), null), head), 405, HandshakeRejection.BAD_REQUEST);
	}

	@Test
	void disallowedOriginIsRefusedWith403() throws Exception {
		HandshakeProcessor processor = processor(registry(10), null);
		assertRefused(decideUpgrade(processor, "/chat", "Origin: https://evil.test"), 403, HandshakeRejection.ORIGIN);
		accepted(decideUpgrade(processor, "/chat", "Origin: https://App.Example.com"));
		accepted(decideUpgrade(processor, "/chat"));
	}

	@Test
	void sharedPathWithoutAMatchingOfferIsRefusedWith400NamingItsSubprotocols() throws Exception {
		SessionRegistry sessions = registry(1);
		HandshakeDecision decision = decideUpgrade(processor(sessions, null), "/graphql", "Sec-WebSocket-Protocol: mqtt");
		assertRefused(decision, 400, HandshakeRejection.BAD_REQUEST);
		assertThat(((Reject) decision).answer().getMessage()).contains("graphql-transport-ws", "graphql-ws");
		assertThat(sessions.tryReserve(null)).isEqualTo(SessionRegistry.Refusal.NONE);
	}

	// The connection limit

	@Test
	void fullRegistryIsRefusedWith503() throws Exception {
		HandshakeProcessor processor = processor(registry(1), null);
		accepted(decideUpgrade(processor, "/chat"));
		assertRefused(decideUpgrade(processor, "/chat"), 503, HandshakeRejection.TOO_MANY_CONNECTIONS);
	}

	@Test
	void interceptorRefusalIsReportedAndGivesTheReservedSlotBack() throws Exception {
		SessionRegistry sessions = registry(1);
		HandshakeProcessor processor = processor(sessions, this.pool, (handshake) -> {
			if (handshake.header("authorization") == null) {
				handshake.reject(401, "Token required");
			}
		});
		HandshakeDecision refused = decideUpgrade(processor, "/chat");
		assertRefused(refused, 401, HandshakeRejection.INTERCEPTOR);
		assertThat(((Reject) refused).answer().getMessage()).isEqualTo("Token required");
		accepted(decideUpgrade(processor, "/chat", "Authorization: Bearer t"));
		assertRefused(decideUpgrade(processor, "/chat", "Authorization: Bearer t"), 503,
				HandshakeRejection.TOO_MANY_CONNECTIONS);
	}

	@Test
	void firstInterceptorRefusalEndsTheHandshake() throws Exception {
		List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
		HandshakeProcessor processor = processor(registry(1), null, (handshake) -> {
			ran.add("first");
			handshake.reject(403, "no");
		}, (handshake) -> ran.add("second"));
		assertRefused(decideUpgrade(processor, "/chat"), 403, HandshakeRejection.INTERCEPTOR);
		assertThat(ran).containsExactly("first");
	}

	@Test
	void interceptorThatThrowsIsRefusedWith500AndGivesTheSlotBack() throws Exception {
		SessionRegistry sessions = registry(1);
		HandshakeProcessor processor = processor(sessions, this.pool, (handshake) -> {
			throw new IllegalStateException("interceptor bug");
		});
		assertRefused(decideUpgrade(processor, "/chat"), 500, HandshakeRejection.INTERCEPTOR);
		assertThat(sessions.tryReserve(null)).isEqualTo(SessionRegistry.Refusal.NONE);
	}

	@Test
	void interceptorThatThrowsAnErrorIsRefusedWith500AndGivesTheSlotBack() throws Exception {
		SessionRegistry sessions = registry(1);
		HandshakeProcessor processor = processor(sessions, this.pool, (handshake) -> {
			throw new AssertionError("interceptor bug");
		});
		HandshakeDecision decision;
		try {
			decision = decideUpgrade(processor, "/chat");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			decision = null;
		}
		assertThat(sessions.tryReserve(null)).as("the slot is given back").isEqualTo(SessionRegistry.Refusal.NONE);
		assertThat(decision).as("a decision, not a failed future that UpgradeHandler ignores").isNotNull();
		assertRefused(decision, 500, HandshakeRejection.INTERCEPTOR);
	}

	@Test
	void interceptorsRunOnTheExecutorAndMayChooseTheSubprotocolAndAttributes() throws Exception {
		CompletableFuture<String> thread = new CompletableFuture<>();
		HandshakeProcessor processor = processor(registry(1), this.pool, (handshake) -> {
			thread.complete(Thread.currentThread().getName());
			handshake.selectSubprotocol("v1.chat");
			handshake.attributes().put("user", "ada");
		});
		Accept accept = accepted(decideUpgrade(processor, "/chat", "Sec-WebSocket-Protocol: v1.chat, v2.chat"));
		assertThat(thread.get(5, TimeUnit.SECONDS)).isEqualTo("interceptors");
		assertThat(accept.handshake().subprotocol()).isEqualTo("v1.chat");
		assertThat(accept.handshake().attributes()).containsEntry("user", "ada");
	}

	@Test
	void executorThatRejectsIsRefusedWith503ShuttingDownAndGivesTheSlotBack() throws Exception {
		SessionRegistry sessions = registry(1);
		Executor rejecting = (task) -> {
			throw new RejectedExecutionException("stopped");
		};
		HandshakeProcessor processor = processor(sessions, rejecting, (handshake) -> {
		});
		assertRefused(decideUpgrade(processor, "/chat"), 503, HandshakeRejection.SHUTTING_DOWN);
		assertThat(sessions.tryReserve(null)).isEqualTo(SessionRegistry.Refusal.NONE);
	}

	@Test
	void checksThatNeedNoApplicationCodeCompleteAtOnce() {
		HandshakeProcessor processor = processor(registry(1), this.pool, (handshake) -> {
		});
		assertThat(processor.decide(parse(RawClient.upgradeRequest("/nowhere")), CLIENT).toCompletableFuture())
			.isCompleted();
	}

}
