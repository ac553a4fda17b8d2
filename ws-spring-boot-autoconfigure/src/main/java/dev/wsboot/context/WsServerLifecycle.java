package dev.wsboot.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;

import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsServer;
import dev.wsboot.server.WsServerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the WebSocket server with the application context: starts the server it gets from the
 * {@link WsServerFactory} once the context is refreshed (so once every controller is known), and on
 * shutdown stops accepting, sends 1001 to every client, waits for their close up
 * to the shutdown timeout, then drops the rest.
 *
 * <p>It stops in Spring Boot's graceful shutdown phase, beside the web server's, so
 * {@code spring.lifecycle.timeout-per-shutdown-phase} bounds it too; the stop runs on its own
 * thread so the context's other beans in that phase stop at the same time.
 */
public class WsServerLifecycle implements SmartLifecycle {

	/** The phase of Spring Boot's graceful web server shutdown (WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE). */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	/**
	 * Spring's logging, not System.Logger as in the engine: in a packaged application the engine's
	 * System.Logger goes through java.util.logging, whose own shutdown hook may already have removed
	 * its handlers when the application stops on SIGTERM, and the stop must still be reported.
	 */
	private static final Log logger = LogFactory.getLog(WsServerLifecycle.class);

	private final WsServerFactory serverFactory;

	private final Supplier<? extends Collection<WsEndpoint>> endpoints;

	private final Duration shutdownTimeout;

	private final ApplicationEventPublisher events;

	private volatile WsServer server;

	/**
	 * @param serverFactory creates a server on each start
	 * @param endpoints the endpoints to serve, asked for on each start, once every endpoint is known
	 * @param shutdownTimeout how long clients have to answer the server's close on shutdown
	 */
	public WsServerLifecycle(WsServerFactory serverFactory, Supplier<? extends Collection<WsEndpoint>> endpoints,
			Duration shutdownTimeout, ApplicationEventPublisher events) {
		this.serverFactory = serverFactory;
		this.endpoints = endpoints;
		this.shutdownTimeout = shutdownTimeout;
		this.events = events;
	}

	@Override
	public void start() {
		WsServer server = this.serverFactory.create(this.endpoints.get());
		try {
			server.start();
		}
		catch (BindException ex) {
			throw new WsPortInUseException(server.config().network().port(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("WebSocket server could not start on port " + server.config().network().port(), ex);
		}
		this.server = server;
		this.events.publishEvent(new WsServerStartedEvent(server));
	}

	@Override
	public void stop() {
		WsServer server = this.server;
		if (server != null) {
			int port = server.port();
			int dropped = server.stop(this.shutdownTimeout);
			logger.info("WebSocket server on port " + port + " stopped"
					+ ((dropped > 0) ? "; " + dropped + " connections did not close within " + this.shutdownTimeout
							+ " (ws.shutdown-timeout) and were dropped" : ""));
			this.server = null;
			this.events.publishEvent(new WsServerStoppedEvent(server));
		}
	}

	@Override
	public void stop(Runnable callback) {
		Thread stopper = new Thread(() -> {
			try {
				stop();
			}
			catch (RuntimeException ex) {
				logger.error("Error stopping the WebSocket server", ex);
			}
			finally {
				callback.run();
			}
		}, "ws-shutdown");
		stopper.start();
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** The running server, or null when stopped. */
	public WsServer getServer() {
		return this.server;
	}

}
