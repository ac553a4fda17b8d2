package dev.wsboot.benchmarks.servers.starter;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.broadcast.WsBroadcaster;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The same echo and broadcast through the starter two ways, for the Lua scripting comparison:
 * {@code lua} serves {@code /echo} and {@code /broadcast} with the Lua scripts in
 * {@code bench-lua/} (the ws-lua module), {@code controller} with the same behaviour as Java
 * {@code @WsController}s. No web server, the starter's defaults otherwise, with the starter peer's
 * larger limits. Arguments: port, then {@code lua} or {@code controller}.
 */
public final class StarterEchoPeer {

	private StarterEchoPeer() {
	}

	public static void main(String[] args) {
		boolean lua = "lua".equals(args[1]);
		List<String> properties = new ArrayList<>(List.of("ws.port=" + args[0], "ws.host=127.0.0.1",
				"ws.max-connections=50000", "ws.max-outbound-queue-size=64MB", "ws.max-message-size=16MB",
				"ws.max-frame-size=16MB", "spring.main.banner-mode=off", "logging.level.root=WARN"));
		if (lua) {
			// Room for the 16 MiB echo: a script's strings are bounded by ws.lua.max-string-size.
			properties.addAll(List.of("ws.lua.max-string-size=32MB", "ws.lua.endpoints[0].path=/echo",
					"ws.lua.endpoints[0].script=classpath:bench-lua/echo.lua", "ws.lua.endpoints[1].path=/broadcast",
					"ws.lua.endpoints[1].script=classpath:bench-lua/broadcast.lua"));
		}
		new SpringApplicationBuilder(lua ? LuaEcho.class : ControllerEcho.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		System.out.println("READY " + args[0]);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LuaEcho {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Echo.class, Broadcast.class })
	static class ControllerEcho {

	}

	@WsController("/echo")
	static class Echo {

		@OnMessage
		String text(String message) {
			return message;
		}

		@OnMessage
		byte[] binary(byte[] data) {
			return data;
		}

	}

	@WsController("/broadcast")
	static class Broadcast {

		private final WsBroadcaster clients;

		Broadcast(WsBroadcaster clients) {
			this.clients = clients;
		}

		@OnMessage
		void text(String message) {
			this.clients.sendToPath("/broadcast", message);
		}

		@OnMessage
		void binary(byte[] data) {
			this.clients.sendToPath("/broadcast", data);
		}

	}

}
