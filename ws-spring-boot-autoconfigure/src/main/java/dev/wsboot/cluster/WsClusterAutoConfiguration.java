package dev.wsboot.cluster;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.broadcast.ClusterWsBroadcaster;
import dev.wsboot.broadcast.DefaultWsBroadcaster;
import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.cluster.redis.RedisBackplane;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.WsServer;
import dev.wsboot.metrics.ClusterMeterBinder;
import dev.wsboot.server.WsServerCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * With {@code ws.cluster.enabled=true}: the cluster's {@link WsBroadcaster} over a
 * {@link WsBackplane} (Redis pub/sub on the application's {@link RedisConnectionFactory} unless
 * the application defines its own backplane), cluster-unique client ids, health and metrics.
 * Without the property nothing here is created and Redis is not touched.
 */
@AutoConfiguration(before = WsAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(WsServer.class)
@ConditionalOnProperty(prefix = "ws", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(prefix = "ws.cluster", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(WsClusterProperties.class)
public final class WsClusterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterStats wsClusterStats() {
		return new ClusterStats();
	}

	@Bean
	@ConditionalOnMissingBean(WsBroadcaster.class)
	ClusterWsBroadcaster wsBroadcaster(WsBackplane backplane, ObjectProvider<WsServerLifecycle> lifecycle,
			WsClusterProperties properties) {
		DefaultWsBroadcaster local = new DefaultWsBroadcaster(() -> {
			WsServerLifecycle server = lifecycle.getIfAvailable();
			return (server != null) ? server.getServer() : null;
		});
		return new ClusterWsBroadcaster(local, backplane, properties.getRequestTimeout());
	}

	/** Client ids carry the node number, so they are unique in the cluster without asking Redis. */
	@Bean
	WsServerCustomizer wsClusterClientIds(WsBackplane backplane) {
		return (builder) -> builder.clientIds(new ClusterClientIds(backplane.nodeNumber()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
	static class RedisBackplaneConfiguration {

		@Bean
		@ConditionalOnMissingBean(WsBackplane.class)
		RedisBackplane wsBackplane(ObjectProvider<RedisConnectionFactory> connectionFactory,
				WsClusterProperties properties, ClusterStats stats) {
			if (properties.getNodeTimeout().compareTo(properties.getHeartbeatInterval()) <= 0) {
				throw new InvalidConfigurationPropertyValueException("ws.cluster.node-timeout",
						properties.getNodeTimeout(), "It must be longer than ws.cluster.heartbeat-interval ("
								+ properties.getHeartbeatInterval() + "), or live nodes would drop each other");
			}
			RedisConnectionFactory factory = connectionFactory.getIfAvailable();
			if (factory == null) {
				throw new WsClusterConfigurationException(
						"ws.cluster.enabled is true but there is no RedisConnectionFactory bean.",
						"Let Spring Boot configure Redis (spring-boot-starter-data-redis and spring.data.redis.*), "
								+ "define a RedisConnectionFactory bean, or set ws.cluster.enabled=false.");
			}
			try {
				return new RedisBackplane(factory, properties.getChannelPrefix(), properties.getHeartbeatInterval(),
						properties.getNodeTimeout(), stats);
			}
			catch (DataAccessException ex) {
				throw new WsClusterConfigurationException(
						"ws.cluster.enabled is true but Redis could not be reached to take a node number: "
								+ ex.getMessage(),
						"Start Redis or point spring.data.redis.* (host, port, url) at it, or set "
								+ "ws.cluster.enabled=false to run a single node.",
						ex);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.connection.RedisConnectionFactory")
	static class MissingRedisConfiguration {

		@Bean
		WsBackplane wsBackplane() {
			throw new WsClusterConfigurationException(
					"ws.cluster.enabled is true but Spring Data Redis is not on the classpath.",
					"Add the dependency org.springframework.boot:spring-boot-starter-data-redis and point "
							+ "spring.data.redis.* at your Redis, or set ws.cluster.enabled=false.");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "wsClusterHealthIndicator")
		WsClusterHealthIndicator wsClusterHealthIndicator(WsBackplane backplane) {
			return new WsClusterHealthIndicator(backplane);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class MetricsConfiguration {

		@Bean
		ClusterMeterBinder wsClusterMeterBinder(WsBackplane backplane, ClusterStats stats) {
			return new ClusterMeterBinder(backplane, stats);
		}

	}

}
