package dev.wsboot.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ws.cluster.*}: one application on several nodes over Redis pub/sub. The connection to
 * Redis is the application's own ({@code spring.data.redis.*}); these say how the nodes use it.
 */
@ConfigurationProperties("ws.cluster")
public class WsClusterProperties {

	/**
	 * Whether this node joins a cluster over Redis pub/sub (needs spring-boot-starter-data-redis
	 * and spring.data.redis.*), so that WsBroadcaster reaches the clients of every node.
	 */
	private boolean enabled;

	/** Prefix of the cluster's Redis keys and channels; applications sharing a Redis use different ones. */
	private String channelPrefix = "ws";

	/** How often a node tells Redis it is alive and learns which other nodes are. */
	private Duration heartbeatInterval = Duration.ofSeconds(2);

	/**
	 * How long a node may miss heartbeats before the others drop it with its clients; longer than
	 * the heartbeat interval.
	 */
	private Duration nodeTimeout = Duration.ofSeconds(6);

	/**
	 * How long join, leave and groupsOf for a client of another node wait for that node's answer
	 * before they answer false or empty.
	 */
	private Duration requestTimeout = Duration.ofSeconds(2);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getChannelPrefix() {
		return this.channelPrefix;
	}

	public void setChannelPrefix(String channelPrefix) {
		this.channelPrefix = channelPrefix;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getNodeTimeout() {
		return this.nodeTimeout;
	}

	public void setNodeTimeout(Duration nodeTimeout) {
		this.nodeTimeout = nodeTimeout;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

}
