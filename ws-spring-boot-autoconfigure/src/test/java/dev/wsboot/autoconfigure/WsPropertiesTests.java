package dev.wsboot.autoconfigure;

import dev.wsboot.engine.WsServerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property's default equals the engine's, so defaults live in one place in effect.
 */
class WsPropertiesTests {

	private final WsProperties properties = new WsProperties();

	private final WsServerConfig engine = WsServerConfig.DEFAULT;

	@Test
	void portMatchesEngineDefault() {
		assertThat(this.properties.getPort()).isEqualTo(this.engine.network().port());
	}

	@Test
	void hostMatchesEngineDefault() {
		assertThat(this.properties.getHost()).isEqualTo(this.engine.network().host());
	}

	@Test
	void ioThreadsDefaultLeavesTheEngineDefault() {
		assertThat(this.properties.getIoThreads()).isNull();
		assertThat(this.engine.network().ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@Test
	void maxMessageSizeMatchesEngineDefault() {
		assertThat(this.properties.getMaxMessageSize().toBytes()).isEqualTo(this.engine.limits().maxMessageSize());
	}

	@Test
	void maxFrameSizeMatchesEngineDefault() {
		assertThat(this.properties.getMaxFrameSize().toBytes()).isEqualTo(this.engine.limits().maxFrameSize());
	}

	@Test
	void maxConnectionsMatchesEngineDefault() {
		assertThat(this.properties.getMaxConnections()).isEqualTo(this.engine.limits().maxConnections());
	}

	@Test
	void maxHandshakeSizeMatchesEngineDefault() {
		assertThat(this.properties.getMaxHandshakeSize().toBytes()).isEqualTo(this.engine.limits().maxHandshakeSize());
	}

	@Test
	void handshakeTimeoutMatchesEngineDefault() {
		assertThat(this.properties.getHandshakeTimeout()).isEqualTo(this.engine.timeouts().handshakeTimeout());
	}

	@Test
	void idleTimeoutMatchesEngineDefault() {
		assertThat(this.properties.getIdleTimeout()).isEqualTo(this.engine.timeouts().idleTimeout());
	}

	@Test
	void closeTimeoutMatchesEngineDefault() {
		assertThat(this.properties.getCloseTimeout()).isEqualTo(this.engine.timeouts().closeTimeout());
	}

	@Test
	void pingIntervalMatchesEngineDefault() {
		assertThat(this.properties.getPingInterval()).isEqualTo(this.engine.timeouts().pingInterval());
	}

	@Test
	void pongTimeoutMatchesEngineDefault() {
		assertThat(this.properties.getPongTimeout()).isEqualTo(this.engine.timeouts().pongTimeout());
	}

	@Test
	void allowedOriginsMatchEngineDefault() {
		assertThat(this.properties.getAllowedOrigins()).isEqualTo(this.engine.network().allowedOrigins());
	}

	@Test
	void maxOutboundQueueSizeMatchesEngineDefault() {
		assertThat(this.properties.getMaxOutboundQueueSize().toBytes()).isEqualTo(this.engine.limits().maxOutboundQueueSize());
	}

	@Test
	void maxInboundQueueSizeMatchesEngineDefault() {
		assertThat(this.properties.getMaxInboundQueueSize().toBytes()).isEqualTo(this.engine.limits().maxInboundQueueSize());
	}

	@Test
	void slowClientPolicyMatchesEngineDefault() {
		assertThat(this.properties.getSlowClientPolicy()).isEqualTo(this.engine.limits().slowClientPolicy());
	}

	@Test
	void handlerExecutionMatchesEngineDefault() {
		assertThat(this.properties.getHandlerExecution()).isEqualTo(this.engine.handlers().execution());
	}

	@Test
	void readBufferSizeMatchesEngineDefault() {
		assertThat(this.properties.getReadBufferSize().toBytes()).isEqualTo(this.engine.network().readBufferSize());
	}

	@Test
	void handlerThreadsMatchesEngineDefault() {
		assertThat(this.properties.getHandlerThreads()).isEqualTo(this.engine.handlers().threads());
	}

	@Test
	void compressionEnabledMatchesEngineDefault() {
		assertThat(this.properties.getCompression().isEnabled()).isEqualTo(this.engine.compression().enabled());
	}

	@Test
	void compressionMinSizeMatchesEngineDefault() {
		assertThat(this.properties.getCompression().getMinSize().toBytes()).isEqualTo(this.engine.compression().minSize());
	}

	@Test
	void compressionContextTakeoverMatchesEngineDefault() {
		assertThat(this.properties.getCompression().isContextTakeover()).isEqualTo(this.engine.compression().contextTakeover());
	}

	@Test
	void compressionLevelMatchesEngineDefault() {
		assertThat(this.properties.getCompression().getLevel()).isEqualTo(this.engine.compression().level());
	}

	@Test
	void maxPendingHandshakesMatchesEngineDefault() {
		assertThat(this.properties.getMaxPendingHandshakes()).isEqualTo(this.engine.protection().maxPendingHandshakes());
	}

	@Test
	void maxConnectionsPerAddressMatchesEngineDefault() {
		assertThat(this.properties.getMaxConnectionsPerAddress())
			.isEqualTo(this.engine.protection().maxConnectionsPerAddress());
	}

	@Test
	void maxMessagesPerSecondMatchesEngineDefault() {
		assertThat(this.properties.getMaxMessagesPerSecond()).isEqualTo(this.engine.protection().maxMessagesPerSecond());
	}

	@Test
	void maxBytesPerSecondMatchesEngineDefault() {
		assertThat(this.properties.getMaxBytesPerSecond().toBytes()).isEqualTo(this.engine.protection().maxBytesPerSecond());
	}

	@Test
	void compressionSettingsAreReportedUnderTheirNestedPropertyNames() {
		assertThat(WsServerConfigFactory.propertyName("compressionMinSize")).isEqualTo("ws.compression.min-size");
		assertThat(WsServerConfigFactory.propertyName("maxFrameSize")).isEqualTo("ws.max-frame-size");
	}

}
