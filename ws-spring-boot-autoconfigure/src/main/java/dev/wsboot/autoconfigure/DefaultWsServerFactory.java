package dev.wsboot.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandlerExecutors;
import dev.wsboot.engine.WsHandshakeInterceptor;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsSessionListener;
import dev.wsboot.server.ConfigurableWsServerFactory;
import dev.wsboot.server.WsServerCustomizer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The starter's {@link dev.wsboot.server.WsServerFactory}: the engine with the configuration,
 * interceptors and session listeners in order, the handler executor, TLS from the SSL bundle when
 * one is named, then the {@link WsServerCustomizer}s. It owns the handler executor and releases it
 * when the context closes, after the server stopped.
 */
final class DefaultWsServerFactory implements ConfigurableWsServerFactory, DisposableBean {

	private final Supplier<List<WsHandshakeInterceptor>> interceptors;

	private final Supplier<List<WsSessionListener>> listeners;

	private final boolean virtualThreads;

	private final WsSslBundle tls;

	private final List<WsServerCustomizer> customizers = new ArrayList<>();

	private WsServerConfig config;

	private Executor executor;

	private AutoCloseable executorRelease;

	/**
	 * @param interceptors asked for when a server is created, so they may depend on the server's beans
	 * @param listeners asked for when a server is created, as the interceptors
	 * @param tls the SSL bundle's TLS settings, or null for plain ws://
	 */
	DefaultWsServerFactory(WsServerConfig config, Supplier<List<WsHandshakeInterceptor>> interceptors,
			Supplier<List<WsSessionListener>> listeners, boolean virtualThreads, WsSslBundle tls) {
		this.config = config;
		this.interceptors = interceptors;
		this.listeners = listeners;
		this.virtualThreads = virtualThreads;
		this.tls = tls;
	}

	@Override
	public void setConfig(WsServerConfig config) {
		this.config = config;
	}

	@Override
	public void setServerCustomizers(Collection<? extends WsServerCustomizer> customizers) {
		this.customizers.clear();
		this.customizers.addAll(customizers);
	}

	@Override
	public void addServerCustomizers(WsServerCustomizer... customizers) {
		this.customizers.addAll(List.of(customizers));
	}

	@Override
	public synchronized WsServer create(Collection<WsEndpoint> endpoints) {
		WsServer.Builder builder = WsServer.builder().config(this.config);
		endpoints.forEach(builder::endpoint);
		this.interceptors.get().forEach(builder::interceptor);
		this.listeners.get().forEach(builder::sessionListener);
		if (!this.config.handlers().onIoThread()) {
			builder.executor(executor());
		}
		if (this.tls != null) {
			builder.tls(this.tls.current());
		}
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		WsServer server = builder.build();
		if (this.tls != null) {
			this.tls.bind(server);
		}
		return server;
	}

	/**
	 * Virtual threads when {@code spring.threads.virtual.enabled} is set on Java 21+, else the
	 * engine's pool of at most {@code ws.handler-threads} platform threads: handlers may block, and a bounded pool keeps a burst of slow
	 * ones from taking unbounded platform threads. Created once and kept across restarts.
	 */
	private Executor executor() {
		if (this.executor != null) {
			return this.executor;
		}
		if (this.virtualThreads) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("ws-handler-");
			executor.setVirtualThreads(true);
			this.executor = executor;
			this.executorRelease = executor;
			return executor;
		}
		ExecutorService executor = WsHandlerExecutors.newPlatformPool(this.config.handlers().threads(), "ws-handler-");
		this.executor = executor;
		this.executorRelease = executor::shutdown;
		return executor;
	}

	/** Releases the handler executor; the context stops the server before it destroys this bean. */
	@Override
	public synchronized void destroy() throws Exception {
		AutoCloseable release = this.executorRelease;
		this.executor = null;
		this.executorRelease = null;
		if (release != null) {
			release.close();
		}
	}

}
