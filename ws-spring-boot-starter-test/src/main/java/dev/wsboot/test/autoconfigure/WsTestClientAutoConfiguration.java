package dev.wsboot.test.autoconfigure;

import java.net.URI;
import java.util.Set;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.test.WsTestClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link WsTestClient} bean of {@link AutoConfigureWsTestClient @AutoConfigureWsTestClient}.
 * The server's port is read at each connect, since the bean exists before the server bound it:
 * {@code local.ws.port} is published when the server starts, after every singleton was created.
 */
@AutoConfiguration(after = WsAutoConfiguration.class)
public final class WsTestClientAutoConfiguration {

	/** Addresses that bind every interface, where a client connects to the loopback address. */
	private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

	@Bean
	@ConditionalOnMissingBean
	WsTestClient wsTestClient(Environment environment) {
		return WsTestClient.forUri(() -> serverUri(environment));
	}

	/**
	 * {@code ws://host:port} of the running server: {@code ws.host} when the server binds one
	 * address, the loopback address when it binds all of them.
	 */
	static URI serverUri(Environment environment) {
		Integer port = environment.getProperty("local.ws.port", Integer.class);
		if (port == null) {
			throw new IllegalStateException("The WebSocket server has not started, so 'local.ws.port' is not set "
					+ "(is ws.enabled=false, or is the WsTestClient used before the context started?)");
		}
		String host = environment.getProperty("ws.host");
		return URI.create("ws://" + uriHost(host) + ":" + port);
	}

	private static String uriHost(@Nullable String host) {
		if (host == null || host.isBlank() || WILDCARDS.contains(host)) {
			return "127.0.0.1";
		}
		return (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

}
