package dev.wsboot.lua;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lua endpoints served by a running server, with real clients: the seed script verbatim (the
 * sample application's copy, which the README's snippet test keeps equal to the issue's), every
 * sandbox escape, errors and limits, binary messages, groups, several endpoints with a state each.
 */
@SpringBootTest(classes = LuaTestApplication.class, properties = { "ws.port=0",
		"ws.lua.endpoints[0].path=/seed", "ws.lua.endpoints[0].script=" + LuaEndpointIntegrationTests.SEED,
		"ws.lua.endpoints[1].path=/sandbox", "ws.lua.endpoints[1].script=classpath:lua/sandbox.lua",
		"ws.lua.endpoints[2].path=/binary", "ws.lua.endpoints[2].script=classpath:lua/binary.lua",
		"ws.lua.endpoints[3].path=/rooms", "ws.lua.endpoints[3].script=classpath:lua/rooms.lua",
		"ws.lua.endpoints[4].path=/counter-a", "ws.lua.endpoints[4].script=classpath:lua/counter.lua",
		"ws.lua.endpoints[5].path=/counter-b", "ws.lua.endpoints[5].script=classpath:lua/counter.lua",
		"ws.lua.max-string-size=1MB", "ws.lua.max-table-size=10000" })
@ExtendWith(OutputCaptureExtension.class)
class LuaEndpointIntegrationTests {

	/** The seed script, kept once: the sample application runs it on /lua. */
	static final String SEED = "file:../sample-app/src/main/resources/lua-chat.lua";

	@LocalWsPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void seedScriptAnnouncesEveryJoinToEveryoneAndAnswersEachClient() {
		try (WsTestConnection first = WsTestConnection.connect(this.port, "/seed")) {
			String firstJoin = first.nextText();
			assertThat(firstJoin).matches("ClientID \\d+ just joined the server");
			try (WsTestConnection second = WsTestConnection.connect(this.port, "/seed")) {
				String secondJoin = second.nextText();
				assertThat(secondJoin).matches("ClientID \\d+ just joined the server").isNotEqualTo(firstJoin);
				assertThat(first.nextText()).isEqualTo(secondJoin);
				first.sendText("hello");
				assertThat(first.nextText()).isEqualTo("You said: hello");
				second.sendText("héllo wörld ✓");
				assertThat(second.nextText()).isEqualTo("You said: héllo wörld ✓");
				first.sendText("again");
				assertThat(first.nextText()).isEqualTo("You said: again");
			}
		}
	}

	@Test
	void sendAllReachesTheClientsOfTheScriptsOwnPathOnly() throws Exception {
		try (WsTestConnection seed = WsTestConnection.connect(this.port, "/seed");
				WsTestConnection rooms = WsTestConnection.connect(this.port, "/rooms")) {
			assertThat(seed.nextText()).matches("ClientID \\d+ just joined the server");
			rooms.sendText("all:to the rooms");
			assertThat(rooms.nextText()).isEqualTo("to the rooms");
			assertThat(seed.drain(Duration.ofMillis(300))).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0} is refused: {1}")
	@CsvSource(delimiter = '|', value = {
			"os.execute | attempt to call nil",
			"os.exit | attempt to call nil",
			"io.open | attempt to index",
			"luajava.bindClass | attempt to index",
			"load | attempt to call nil",
			"loadstring | attempt to call nil",
			"dofile | attempt to call nil",
			"loadfile | attempt to call nil",
			"require | attempt to call nil",
			"collectgarbage | attempt to call nil",
			"debug.sethook | attempt to index",
			"package.loadlib | attempt to index",
			"coroutine.create | attempt to index",
			"string metatable | attempt to index",
			"string.dump | attempt to call nil",
			"string.rep | string.rep: the result would be 1000000000 bytes, over the limit of 1048576 (ws.lua.max-string-size)",
			"string method rep | string.rep: the result would be 1000000000 bytes, over the limit of 1048576",
			"concatenation | ..: the result would be 2097152 bytes, over the limit of 1048576",
			"table.concat | table.concat: the result would be",
			"table growth | table full: it has 16384 slots, the limit is 10000 (ws.lua.max-table-size)",
			"table.insert growth | table full",
			"global growth | table full",
			"deep recursion | stack overflow: more than 200 nested calls" })
	void sandboxEscapeIsRefusedAndTheSessionStaysOpen(String attempt, String reason) {
		try (WsTestConnection attacker = WsTestConnection.connect(this.port, "/sandbox");
				WsTestConnection bystander = WsTestConnection.connect(this.port, "/seed")) {
			bystander.nextText();
			attacker.sendText(attempt);
			String answer = attacker.nextText();
			assertThat(answer).startsWith("refused: ").contains(reason);
			assertThat(answer).doesNotContain("escaped");
			assertSessionServes(attacker);
			bystander.sendText("still here?");
			assertThat(bystander.nextText()).isEqualTo("You said: still here?");
		}
	}

	@Test
	void endlessLoopIsStoppedByTheInstructionBudgetAndCounted(CapturedOutput output) {
		double before = errors("/sandbox");
		try (WsTestConnection attacker = WsTestConnection.connect(this.port, "/sandbox");
				WsTestConnection bystander = WsTestConnection.connect(this.port, "/seed")) {
			bystander.nextText();
			attacker.sendText("while true do end");
			assertSessionServes(attacker);
			bystander.sendText("served");
			assertThat(bystander.nextText()).isEqualTo("You said: served");
		}
		assertThat(errors("/sandbox")).isEqualTo(before + 1);
		assertThat(output).contains("Lua script sandbox.lua on /sandbox failed in main: sandbox.lua:32 instruction budget "
				+ "exceeded: more than 1000000 instructions in one call (ws.lua.max-instructions-per-call)");
	}

	@Test
	void budgetOverrunCannotBeCaughtWithPcall() {
		try (WsTestConnection attacker = WsTestConnection.connect(this.port, "/sandbox")) {
			attacker.sendText("pcall(while true do end)");
			attacker.sendText("ping");
			assertThat(attacker.nextText()).as("the instruction after pcall fails too, so nothing else is sent")
				.isEqualTo("pong");
		}
	}

	@Test
	void scriptErrorIsLoggedWithScriptAndLineCountedAndTheSessionStaysOpen(CapturedOutput output) {
		double before = errors("/sandbox");
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/sandbox")) {
			client.sendText("error");
			assertSessionServes(client);
		}
		assertThat(errors("/sandbox")).isEqualTo(before + 1);
		assertThat(output).contains("Lua script sandbox.lua on /sandbox failed in main: sandbox.lua:37 deliberate failure");
	}

	@Test
	void binaryMessagesAreLuaStringsOfBytesBothWays() {
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/binary")) {
			client.sendBinary(all);
			byte[] reversed = client.nextBinary();
			assertThat(reversed).hasSize(256);
			for (int i = 0; i < 256; i++) {
				assertThat(reversed[i]).isEqualTo((byte) (255 - i));
			}
			assertThat(client.nextText()).isEqualTo("bytes 256 first 0 last 255");
			client.sendText("00ff80");
			assertThat(client.nextBinary()).containsExactly(0x00, 0xff, 0x80);
		}
	}

	@Test
	void binaryMessageToAScriptWithoutOnBinaryClosesWith1003() {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/sandbox")) {
			client.sendBinary(new byte[] { 1, 2, 3 });
			WsTestConnection.Close close = client.awaitClose();
			assertThat(close.code()).isEqualTo(1003);
			assertThat(close.reason()).isEqualTo("Binary messages need on_binary in sandbox.lua");
		}
	}

	@Test
	void groupsDeliverToTheirMembersAndCloseGivesTheCodeAndReason() throws Exception {
		try (WsTestConnection alice = WsTestConnection.connect(this.port, "/rooms");
				WsTestConnection bob = WsTestConnection.connect(this.port, "/rooms");
				WsTestConnection carol = WsTestConnection.connect(this.port, "/rooms")) {
			alice.sendText("join:red");
			assertThat(alice.nextText()).isEqualTo("joined red true");
			bob.sendText("join:red");
			assertThat(bob.nextText()).isEqualTo("joined red true");
			carol.sendText("join:blue");
			assertThat(carol.nextText()).isEqualTo("joined blue true");
			alice.sendText("say:red:hello reds");
			assertThat(alice.nextText()).isEqualTo("hello reds");
			assertThat(alice.nextText()).isEqualTo("delivered 2");
			assertThat(bob.nextText()).isEqualTo("hello reds");
			bob.sendText("leave:red");
			assertThat(bob.nextText()).isEqualTo("left red true");
			alice.sendText("say:red:only alice");
			assertThat(alice.nextText()).isEqualTo("only alice");
			assertThat(alice.nextText()).isEqualTo("delivered 1");
			assertThat(bob.drain(Duration.ofMillis(200))).isEmpty();
			assertThat(carol.drain(Duration.ofMillis(0))).isEmpty();
			carol.sendText("close:4001:game over");
			WsTestConnection.Close close = carol.awaitClose();
			assertThat(close.code()).isEqualTo(4001);
			assertThat(close.reason()).isEqualTo("game over");
		}
	}

	@Test
	void eachEndpointHasItsOwnLuaStateSharedByItsClientsWithCallsSerialized() throws Exception {
		int clients = 4;
		int messages = 250;
		List<WsTestConnection> connected = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			connected.add(WsTestConnection.connect(this.port, "/counter-a"));
		}
		try (WsTestConnection b = WsTestConnection.connect(this.port, "/counter-b")) {
			List<CompletableFuture<Void>> senders = new ArrayList<>();
			for (WsTestConnection client : connected) {
				senders.add(CompletableFuture.runAsync(() -> {
					for (int m = 0; m < messages; m++) {
						client.sendText("add");
					}
				}));
			}
			CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();
			b.sendText("add");
			b.sendText("total");
			assertThat(b.nextText()).isEqualTo("total 1");
			WsTestConnection asker = connected.get(0);
			await().untilAsserted(() -> {
				asker.sendText("total");
				assertThat(asker.nextText()).isEqualTo("total " + (clients * messages));
			});
		}
		finally {
			connected.forEach(WsTestConnection::close);
		}
	}

	@Test
	void aScriptChangingItsStringMethodsChangesNoOtherScripts() {
		try (WsTestConnection a = WsTestConnection.connect(this.port, "/counter-a");
				WsTestConnection b = WsTestConnection.connect(this.port, "/counter-b")) {
			b.sendText("upper");
			assertThat(b.nextText()).isEqualTo("UPPER");
			a.sendText("break upper");
			assertThat(a.nextText()).isEqualTo("broken");
			b.sendText("upper");
			assertThat(b.nextText()).isEqualTo("UPPER");
		}
	}

	private static void assertSessionServes(WsTestConnection client) {
		client.sendText("ping");
		assertThat(client.nextText()).isEqualTo("pong");
	}

	private double errors(String path) {
		return this.meters.find("ws.lua.errors").tag("path", path).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
