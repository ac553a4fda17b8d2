package dev.wsboot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.wsboot.engine.ProtectionConfig;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.metrics.WsMetricsAutoConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The abuse protection properties: they reach the engine's protection part, a bad value fails
 * startup naming the property, {@code ws.allowed-origins=*} is warned about, and the pending
 * upgrades are a gauge.
 * <p>
 * The warning is read from the java.util.logging logger that {@link System.Logger} writes to
 * here, not from captured console output: JUL's console handler keeps the {@code System.err}
 * of whenever it was created, so whether a capture sees it depends on which test logged first.
 */
class WsProtectionAutoConfigurationTests {

	private static final String FACTORY_LOGGER = WsServerConfigFactory.class.getName();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("ws.port=0");

	private final List<LogRecord> records = new CopyOnWriteArrayList<>();

	private final Handler recorder = new Handler() {

		@Override
		public void publish(LogRecord record) {
			WsProtectionAutoConfigurationTests.this.records.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	/** Held so the logger, and the handler on it, are not collected during the test. */
	private Logger factoryLogger;

	@BeforeEach
	void recordFactoryLog() {
		this.factoryLogger = Logger.getLogger(FACTORY_LOGGER);
		this.factoryLogger.addHandler(this.recorder);
	}

	@AfterEach
	void stopRecording() {
		this.factoryLogger.removeHandler(this.recorder);
	}

	@Test
	void allowedOriginsStarLogsAWarningNamingTheProperty() {
		this.runner.withPropertyValues("ws.allowed-origins=*").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WsServerConfig.class).network().allowedOrigins()).containsExactly("*");
		});
		assertThat(this.records).anySatisfy((record) -> {
			assertThat(record.getLevel()).isEqualTo(Level.WARNING);
			assertThat(record.getMessage()).contains("ws.allowed-origins").contains("'*'");
		});
	}

	@Test
	void defaultAllowedOriginsAreTheSameHostOnlyAndLogNoWarning() {
		this.runner.run((context) -> assertThat(context.getBean(WsServerConfig.class).network().allowedOrigins())
			.isEmpty());
		this.runner.withPropertyValues("ws.allowed-origins=https://app.example.com,https://*.example.org")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(this.records).noneSatisfy(
				(record) -> assertThat(record.getMessage()).contains("ws.allowed-origins"));
	}

	@Test
	void maxPendingHandshakesBelowOneFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.max-pending-handshakes=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.max-pending-handshakes")
				.hasMessageContaining("0");
		});
	}

	@Test
	void negativeRateLimitFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.max-messages-per-second=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.max-messages-per-second");
		});
	}

	@Test
	void protectionPropertiesReachTheEngineConfig() {
		this.runner
			.withPropertyValues("ws.max-pending-handshakes=50", "ws.max-connections-per-address=3",
					"ws.max-messages-per-second=20", "ws.max-bytes-per-second=64KB")
			.run((context) -> {
				ProtectionConfig protection = context.getBean(WsServerConfig.class).protection();
				assertThat(protection.maxPendingHandshakes()).isEqualTo(50);
				assertThat(protection.maxConnectionsPerAddress()).isEqualTo(3);
				assertThat(protection.maxMessagesPerSecond()).isEqualTo(20);
				assertThat(protection.maxBytesPerSecond()).isEqualTo(64 * 1024);
			});
	}

	@Test
	void withoutPropertiesTheProtectionIsTheEngineDefault() {
		this.runner.run((context) -> assertThat(context.getBean(WsServerConfig.class).protection())
			.isEqualTo(ProtectionConfig.DEFAULT));
	}

	@Test
	void pendingHandshakesGaugeExistsOnceTheServerStarted() {
		this.runner
			.withConfiguration(AutoConfigurations.of(WsMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				Gauge gauge = context.getBean(MeterRegistry.class).find("ws.handshakes.pending").gauge();
				assertThat(gauge).isNotNull();
				assertThat(gauge.value()).isZero();
			});
	}

}
