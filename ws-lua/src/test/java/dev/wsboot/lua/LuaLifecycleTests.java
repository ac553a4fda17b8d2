package dev.wsboot.lua;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole applications started and stopped: the hooks' order, and reloading a changed script. */
@ExtendWith(OutputCaptureExtension.class)
class LuaLifecycleTests {

	@Test
	void onStartupRunsBeforeTheFirstClientAndOnShutdownAfterTheLastDisconnect(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("ws.lua.endpoints[0].path=/hooks",
				"ws.lua.endpoints[0].script=classpath:lua/lifecycle.lua")) {
			int port = port(context);
			try (WsTestConnection first = WsTestConnection.connect(port, "/hooks")) {
				first.sendText("one");
				assertThat(first.nextText()).isEqualTo("one");
				first.closeNormally();
			}
			WsTestConnection second = WsTestConnection.connect(port, "/hooks");
			second.sendText("two");
			assertThat(second.nextText()).isEqualTo("two");
			context.close();
			assertThat(second.awaitClose().code()).isEqualTo(1001);
		}
		List<String> events = output.getOut().lines().filter((line) -> line.contains("lifecycle.lua: event "))
			.map((line) -> line.substring(line.indexOf("event ") + 6))
			.toList();
		assertThat(events).containsExactly("on_startup", "on_connect", "on_disconnect", "on_connect", "on_disconnect",
				"on_shutdown");
	}

	@Test
	void withReloadAChangedScriptServesTheNextMessagesAndABrokenChangeKeepsThePreviousOne(@TempDir Path dir,
			CapturedOutput output) throws Exception {
		Path script = dir.resolve("game.lua");
		write(script, "function main(clientId, message) _send(clientId, 'v1 ' .. message) end", 0);
		try (ConfigurableApplicationContext context = start("ws.lua.reload=true", "ws.lua.endpoints[0].path=/game",
				"ws.lua.endpoints[0].script=file:" + script);
				WsTestConnection client = WsTestConnection.connect(port(context), "/game")) {
			client.sendText("a");
			assertThat(client.nextText()).isEqualTo("v1 a");
			write(script, "function main(clientId, message) _send(clientId, 'v2 ' .. message) end", 10);
			client.sendText("b");
			assertThat(client.nextText()).isEqualTo("v2 b");
			write(script, "function main(clientId, message)\n  _send(clientId, 'v3 ' ..)\nend", 20);
			client.sendText("c");
			assertThat(client.nextText()).isEqualTo("v2 c");
			assertThat(output).contains("Lua script game.lua on /game changed but did not load; the previous version goes on: "
					+ "ws.lua.endpoints[0].script: game.lua:2: syntax error");
		}
	}

	@Test
	void withoutReloadAChangedScriptIsNotReloaded(@TempDir Path dir) throws Exception {
		Path script = dir.resolve("game.lua");
		write(script, "function main(clientId, message) _send(clientId, 'v1 ' .. message) end", 0);
		try (ConfigurableApplicationContext context = start("ws.lua.endpoints[0].path=/game",
				"ws.lua.endpoints[0].script=file:" + script);
				WsTestConnection client = WsTestConnection.connect(port(context), "/game")) {
			write(script, "function main(clientId, message) _send(clientId, 'v2 ' .. message) end", 10);
			client.sendText("b");
			assertThat(client.nextText()).isEqualTo("v1 b");
		}
	}

	/** Writes the script with a modification time this many seconds ahead, so each write is a change. */
	private static void write(Path script, String source, int secondsAhead) throws Exception {
		Files.writeString(script, source);
		Files.setLastModifiedTime(script, FileTime.fromMillis(System.currentTimeMillis() + secondsAhead * 1000L));
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(LuaTestApplication.class).properties("ws.port=0")
			.properties(properties)
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.ws.port", Integer.class);
	}

}
