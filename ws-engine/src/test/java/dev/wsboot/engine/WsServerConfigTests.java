package dev.wsboot.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The composed configuration: its parts keep their own defaults and checks, and the builder
 * changes one part without touching the others.
 */
class WsServerConfigTests {

	@Test
	void defaultIsComposedOfEachPartsDefault() {
		assertThat(WsServerConfig.DEFAULT.network()).isEqualTo(NetworkConfig.DEFAULT);
		assertThat(WsServerConfig.DEFAULT.limits()).isEqualTo(LimitsConfig.DEFAULT);
		assertThat(WsServerConfig.DEFAULT.timeouts()).isEqualTo(TimeoutConfig.DEFAULT);
		assertThat(WsServerConfig.DEFAULT.compression()).isEqualTo(CompressionConfig.DEFAULT);
		assertThat(WsServerConfig.DEFAULT.handlers()).isEqualTo(HandlerConfig.DEFAULT);
	}

	@Test
	void handlerPoolSizeDefaultLivesInTheEngine() {
		assertThat(WsServerConfig.DEFAULT.handlers().threads()).isEqualTo(16);
	}

	@Test
	void toBuilderWithoutChangesGivesAnEqualConfig() {
		WsServerConfig config = WsServerConfig.builder()
			.network((network) -> network.port(0))
			.timeouts((timeouts) -> timeouts.idleTimeout(Duration.ofSeconds(30)))
			.build();
		assertThat(config.toBuilder().build()).isEqualTo(config);
	}

	@Test
	void changingOnePartLeavesTheOthersAsTheyWere() {
		WsServerConfig config = WsServerConfig.builder().limits((limits) -> limits.maxConnections(5)).build();
		assertThat(config.limits().maxConnections()).isEqualTo(5);
		assertThat(config.limits().maxMessageSize()).isEqualTo(LimitsConfig.DEFAULT.maxMessageSize());
		assertThat(config.network()).isEqualTo(NetworkConfig.DEFAULT);
		assertThat(config.timeouts()).isEqualTo(TimeoutConfig.DEFAULT);
	}

	@Test
	void aPartCanBeReplacedWhole() {
		CompressionConfig compression = CompressionConfig.builder().enabled(true).level(1).build();
		assertThat(WsServerConfig.builder().compression(compression).build().compression()).isEqualTo(compression);
	}

	@Test
	void frameSizeOverMessageSizeIsRefusedNamingTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> LimitsConfig.builder().maxMessageSize(1000).maxFrameSize(2000).build())
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("maxFrameSize"));
	}

	@Test
	void portOutOfRangeIsRefusedNamingTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> WsServerConfig.builder().network((network) -> network.port(70_000)).build())
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("port"));
	}

	@Test
	void negativeIdleTimeoutIsRefusedNamingTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> TimeoutConfig.builder().idleTimeout(Duration.ofSeconds(-1)).build())
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("idleTimeout"));
	}

	@Test
	void compressionSettingsAreNamedWithTheirPrefix() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> CompressionConfig.builder().minSize(-1).build())
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("compressionMinSize"));
	}

	@Test
	void handlerPoolBelowOneThreadIsRefusedNamingTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> HandlerConfig.builder().threads(0).build())
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("handlerThreads"));
	}

	@Test
	void allowedOriginsAreCopied() {
		List<String> origins = new ArrayList<>(List.of("https://example.com"));
		NetworkConfig network = NetworkConfig.builder().allowedOrigins(origins).build();
		origins.add("https://other.example");
		assertThat(network.allowedOrigins()).containsExactly("https://example.com");
	}

}
