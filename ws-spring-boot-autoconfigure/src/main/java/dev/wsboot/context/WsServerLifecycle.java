package dev.wsboot.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.function.Supplier;

import dev.wsboot.engine.WsServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the WebSocket server with the application context: starts it once the context is
 * refreshed, and on shutdown stops accepting, sends 1001 to every client, waits for their close up
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

	private final Supplier<WsServer> serverFactory;

	private final Duration shutdownTimeout;

	private final ApplicationEventPublisher events;

	private final Runnable afterStop;

	private volatile @Nullable WsServer server;

	/**
	 * @param serverFactory builds the server when the context starts, once every endpoint is known
	 * @param afterStop releases what the server used (such as the handler executor) once it stopped
	 */
	public WsServerLifecycle(Supplier<WsServer> serverFactory, Duration shutdownTimeout,
			ApplicationEventPublisher events, Runnable afterStop) {
		this.serverFactory = serverFactory;
		this.shutdownTimeout = shutdownTimeout;
		this.events = events;
		this.afterStop = afterStop;
	}

	@Override
	public void start() {
		WsServer server = this.serverFactory.get();
		try {
			server.start();
		}
		catch (BindException ex) {
			throw new WsPortInUseException(server.config().port(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("WebSocket server could not start on port " + server.config().port(), ex);
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
			this.afterStop.run();
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
	public @Nullable WsServer getServer() {
		return this.server;
	}

}
