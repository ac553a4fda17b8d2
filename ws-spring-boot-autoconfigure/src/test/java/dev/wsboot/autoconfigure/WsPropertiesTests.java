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
		assertThat(this.properties.getPort()).isEqualTo(this.engine.port());
	}

	@Test
	void hostMatchesEngineDefault() {
		assertThat(this.properties.getHost()).isEqualTo(this.engine.host());
	}

	@Test
	void ioThreadsDefaultLeavesTheEngineDefault() {
		assertThat(this.properties.getIoThreads()).isNull();
		assertThat(this.engine.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@Test
	void maxMessageSizeMatchesEngineDefault() {
		assertThat(this.properties.getMaxMessageSize().toBytes()).isEqualTo(this.engine.maxMessageSize());
	}

	@Test
	void maxFrameSizeMatchesEngineDefault() {
		assertThat(this.properties.getMaxFrameSize().toBytes()).isEqualTo(this.engine.maxFrameSize());
	}

	@Test
	void maxConnectionsMatchesEngineDefault() {
		assertThat(this.properties.getMaxConnections()).isEqualTo(this.engine.maxConnections());
	}

	@Test
	void maxHandshakeSizeMatchesEngineDefault() {
		assertThat(this.properties.getMaxHandshakeSize().toBytes()).isEqualTo(this.engine.maxHandshakeSize());
	}

	@Test
	void handshakeTimeoutMatchesEngineDefault() {
		assertThat(this.properties.getHandshakeTimeout()).isEqualTo(this.engine.handshakeTimeout());
	}

	@Test
	void idleTimeoutMatchesEngineDefault() {
		assertThat(this.properties.getIdleTimeout()).isEqualTo(this.engine.idleTimeout());
	}

	@Test
	void closeTimeoutMatchesEngineDefault() {
		assertThat(this.properties.getCloseTimeout()).isEqualTo(this.engine.closeTimeout());
	}

	@Test
	void pingIntervalMatchesEngineDefault() {
		assertThat(this.properties.getPingInterval()).isEqualTo(this.engine.pingInterval());
	}

	@Test
	void pongTimeoutMatchesEngineDefault() {
		assertThat(this.properties.getPongTimeout()).isEqualTo(this.engine.pongTimeout());
	}

	@Test
	void allowedOriginsMatchEngineDefault() {
		assertThat(this.properties.getAllowedOrigins()).isEqualTo(this.engine.allowedOrigins());
	}

	@Test
	void maxOutboundQueueSizeMatchesEngineDefault() {
		assertThat(this.properties.getMaxOutboundQueueSize().toBytes()).isEqualTo(this.engine.maxOutboundQueueSize());
	}

	@Test
	void maxInboundQueueSizeMatchesEngineDefault() {
		assertThat(this.properties.getMaxInboundQueueSize().toBytes()).isEqualTo(this.engine.maxInboundQueueSize());
	}

	@Test
	void slowClientPolicyMatchesEngineDefault() {
		assertThat(this.properties.getSlowClientPolicy()).isEqualTo(this.engine.slowClientPolicy());
	}

	@Test
	void handlerExecutionMatchesEngineDefault() {
		assertThat(this.properties.getHandlerExecution()).isEqualTo(this.engine.handlerExecution());
	}

	@Test
	void readBufferSizeMatchesEngineDefault() {
		assertThat(this.properties.getReadBufferSize().toBytes()).isEqualTo(this.engine.readBufferSize());
	}

	@Test
	void compressionEnabledMatchesEngineDefault() {
		assertThat(this.properties.getCompression().isEnabled()).isEqualTo(this.engine.compressionEnabled());
	}

	@Test
	void compressionMinSizeMatchesEngineDefault() {
		assertThat(this.properties.getCompression().getMinSize().toBytes()).isEqualTo(this.engine.compressionMinSize());
	}

	@Test
	void compressionContextTakeoverMatchesEngineDefault() {
		assertThat(this.properties.getCompression().isContextTakeover()).isEqualTo(this.engine.compressionContextTakeover());
	}

	@Test
	void compressionLevelMatchesEngineDefault() {
		assertThat(this.properties.getCompression().getLevel()).isEqualTo(this.engine.compressionLevel());
	}

	@Test
	void compressionSettingsAreReportedUnderTheirNestedPropertyNames() {
		assertThat(WsServerConfigFactory.propertyName("compressionMinSize")).isEqualTo("ws.compression.min-size");
		assertThat(WsServerConfigFactory.propertyName("maxFrameSize")).isEqualTo("ws.max-frame-size");
	}

}
