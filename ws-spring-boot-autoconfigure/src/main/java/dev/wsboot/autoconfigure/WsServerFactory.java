package dev.wsboot.autoconfigure;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.wsboot.annotation.WsControllerRegistry;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandshakeInterceptor;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsSessionListener;

import org.jspecify.annotations.Nullable;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Assembles the engine when the context starts, once every controller is known: endpoints from
 * controllers and {@link WsEndpoint} beans, interceptors and session listeners in order, the
 * handler executor, and TLS from the SSL bundle when one is named.
 */
final class WsServerFactory implements Supplier<WsServer> {

	private final WsServerConfig config;

	private final WsControllerRegistry controllers;

	private final Supplier<List<WsEndpoint>> endpoints;

	private final Supplier<List<WsHandshakeInterceptor>> interceptors;

	private final Supplier<List<WsSessionListener>> listeners;

	private final boolean virtualThreads;

	private final int handlerThreads;

	private final WsSslBundle tls;

	private volatile @Nullable AutoCloseable executor;

	WsServerFactory(WsServerConfig config, WsControllerRegistry controllers, Supplier<List<WsEndpoint>> endpoints,
			Supplier<List<WsHandshakeInterceptor>> interceptors, Supplier<List<WsSessionListener>> listeners,
			boolean virtualThreads, int handlerThreads, WsSslBundle tls) {
		this.config = config;
		this.controllers = controllers;
		this.endpoints = endpoints;
		this.interceptors = interceptors;
		this.listeners = listeners;
		this.virtualThreads = virtualThreads;
		this.handlerThreads = handlerThreads;
		this.tls = tls;
	}

	@Override
	public WsServer get() {
		WsServer.Builder builder = WsServer.builder().config(this.config);
		this.controllers.endpoints().forEach(builder::endpoint);
		this.endpoints.get().forEach(builder::endpoint);
		this.interceptors.get().forEach(builder::interceptor);
		this.listeners.get().forEach(builder::sessionListener);
		if (this.config.handlerExecution() == WsServerConfig.HandlerExecution.EXECUTOR) {
			builder.executor(createExecutor());
		}
		if (this.tls != null) {
			builder.tls(this.tls.current());
		}
		WsServer server = builder.build();
		if (this.tls != null) {
			this.tls.bind(server);
		}
		return server;
	}

	/**
	 * Virtual threads when {@code spring.threads.virtual.enabled} is set on Java 21+, else a fixed
	 * pool of {@code ws.handler-threads}: handlers may block, and a bounded pool keeps a burst of slow
	 * ones from taking unbounded platform threads.
	 */
	private java.util.concurrent.Executor createExecutor() {
		if (this.virtualThreads) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("ws-handler-");
			executor.setVirtualThreads(true);
			this.executor = executor;
			return executor;
		}
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, "ws-handler-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ExecutorService executor = Executors.newFixedThreadPool(this.handlerThreads, threads);
		this.executor = executor::shutdown;
		return executor;
	}

	/** Releases the handler executor once the server stopped. */
	void release() {
		AutoCloseable executor = this.executor;
		this.executor = null;
		if (executor != null) {
			try {
				executor.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not release the WebSocket handler executor", ex);
			}
		}
	}

}
