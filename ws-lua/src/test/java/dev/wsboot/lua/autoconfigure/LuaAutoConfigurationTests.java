package dev.wsboot.lua.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.lua.LuaEndpoints;
import dev.wsboot.lua.LuaErrorCounter;
import dev.wsboot.lua.LuaLimits;
import dev.wsboot.lua.LuaScriptException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class LuaAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, LuaAutoConfiguration.class))
		.withPropertyValues("ws.port=0");

	@Test
	void whenNoEndpointIsSetThenLuaBacksOff() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(LuaEndpoints.class)
			.doesNotHaveBean("luaEndpoint0"));
	}

	@Test
	void whenTheWebSocketServerIsDisabledThenLuaBacksOff() {
		this.runner.withPropertyValues("ws.enabled=false", "ws.lua.endpoints[0].path=/seed",
				"ws.lua.endpoints[0].script=classpath:lua/counter.lua")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LuaEndpoints.class));
	}

	@Test
	void eachEndpointIsAWsEndpointBeanInTheOrderOfTheProperties() {
		this.runner.withPropertyValues("ws.lua.endpoints[0].path=/one", "ws.lua.endpoints[0].script=classpath:lua/counter.lua",
				"ws.lua.endpoints[1].path=/two", "ws.lua.endpoints[1].script=classpath:lua/counter.lua")
			.run((context) -> {
				Map<String, WsEndpoint> endpoints = context.getBeansOfType(WsEndpoint.class);
				assertThat(endpoints).containsOnlyKeys("luaEndpoint0", "luaEndpoint1");
				assertThat(endpoints.get("luaEndpoint0").path()).isEqualTo("/one");
				assertThat(endpoints.get("luaEndpoint1").path()).isEqualTo("/two");
			});
	}

	@Test
	void syntaxErrorFailsStartupNamingThePropertyAndTheLine() {
		this.runner.withPropertyValues("ws.lua.endpoints[0].path=/seed", "ws.lua.endpoints[0].script=classpath:lua/counter.lua",
				"ws.lua.endpoints[1].path=/broken", "ws.lua.endpoints[1].script=classpath:lua/syntax-error.lua")
			.run((context) -> {
				LuaScriptException failure = scriptFailure(context);
				assertThat(failure.getProperty()).isEqualTo("ws.lua.endpoints[1].script");
				assertThat(failure.getLine()).isEqualTo(6);
				assertThat(failure.getMessage()).startsWith("ws.lua.endpoints[1].script: syntax-error.lua:6: syntax error: ");
				FailureAnalysis analysis = new LuaScriptFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("ws.lua.endpoints[1].script: syntax-error.lua:6");
				assertThat(analysis.getAction())
					.isEqualTo("Fix the script at line 6, or point the 'ws.lua.endpoints[1].script' property at another one.");
			});
	}

	@Test
	void errorInTheTopLevelFailsStartupNamingTheLine() {
		assertFailure("lua/top-level-error.lua", 2, "top-level-error.lua failed in the top level: top-level-error.lua:2 "
				+ "attempt to index ? (a nil value)");
	}

	@Test
	void endlessLoopInTheTopLevelFailsStartupWithTheBudget() {
		assertFailure("lua/top-level-loop.lua", 4, "top-level-loop.lua failed in the top level: top-level-loop.lua:4 "
				+ "instruction budget exceeded");
	}

	@Test
	void errorInOnStartupFailsStartup() {
		assertFailure("lua/startup-error.lua", 5, "startup-error.lua failed in on_startup: startup-error.lua:5 not ready");
	}

	@Test
	void scriptWithoutMainFailsStartup() {
		assertFailure("lua/no-main.lua", null, "no-main.lua defines no function main(clientId, message)");
	}

	@Test
	void missingScriptFailsStartupNamingTheLocation() {
		assertFailure("lua/nowhere.lua", null, "class path resource [lua/nowhere.lua] could not be read");
	}

	@Test
	void endpointWithoutScriptFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.lua.endpoints[0].path=/seed").run((context) -> {
			assertThat(scriptFailure(context).getMessage())
				.isEqualTo("ws.lua.endpoints[0].script: a script location is required");
		});
	}

	@Test
	void pathWithoutLeadingSlashFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.lua.endpoints[0].path=seed", "ws.lua.endpoints[0].script=classpath:lua/counter.lua")
			.run((context) -> assertThat(scriptFailure(context).getMessage())
				.isEqualTo("ws.lua.endpoints[0].path: a path starting with '/' is required, was seed"));
	}

	@Test
	void invalidLimitFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.lua.endpoints[0].path=/seed", "ws.lua.endpoints[0].script=classpath:lua/counter.lua",
				"ws.lua.max-instructions-per-call=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("Invalid value for 'ws.lua.max-instructions-per-call': 0 (must be at least 1)"));
	}

	@Test
	void propertiesMapOntoTheLimits() {
		LuaProperties properties = new LuaProperties();
		properties.setMaxInstructionsPerCall(5000);
		properties.setMaxStringSize(org.springframework.util.unit.DataSize.ofKilobytes(64));
		properties.setMaxTableSize(300);
		assertThat(LuaAutoConfiguration.limits(properties)).isEqualTo(new LuaLimits(5000, 65536, 300));
	}

	@Test
	void defaultMaxInstructionsPerCallIsTheLimitsDefault() {
		assertThat(new LuaProperties().getMaxInstructionsPerCall())
			.isEqualTo(LuaLimits.DEFAULT.maxInstructionsPerCall()).isEqualTo(1_000_000);
	}

	@Test
	void defaultMaxStringSizeIsTheLimitsDefault() {
		assertThat(new LuaProperties().getMaxStringSize().toBytes()).isEqualTo(LuaLimits.DEFAULT.maxStringSize());
	}

	@Test
	void defaultMaxTableSizeIsTheLimitsDefault() {
		assertThat(new LuaProperties().getMaxTableSize()).isEqualTo(LuaLimits.DEFAULT.maxTableSize());
	}

	@Test
	void reloadIsOffByDefault() {
		assertThat(new LuaProperties().isReload()).isFalse();
	}

	@Test
	void withAMeterRegistryErrorsAreCountedAsWsLuaErrors() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("ws.lua.endpoints[0].path=/seed", "ws.lua.endpoints[0].script=classpath:lua/counter.lua")
			.run((context) -> {
				LuaErrorCounter counter = context.getBean(LuaErrorCounter.class);
				counter.increment("/seed");
				counter.increment("/seed");
				assertThat(context.getBean(io.micrometer.core.instrument.MeterRegistry.class)
					.get("ws.lua.errors")
					.tag("path", "/seed")
					.counter()
					.count()).isEqualTo(2);
			});
	}

	@Test
	void withoutMicrometerLuaStillRuns() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withPropertyValues("ws.lua.endpoints[0].path=/seed", "ws.lua.endpoints[0].script=classpath:lua/counter.lua")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(LuaEndpoints.class)
				.doesNotHaveBean(LuaErrorCounter.class));
	}

	@Test
	void failureAnalyzerIsRegistered() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, (type, name, failure) -> {
			});
		assertThat(analyzers).hasAtLeastOneElementOfType(LuaScriptFailureAnalyzer.class);
	}

	private void assertFailure(String script, Integer line, String message) {
		this.runner.withPropertyValues("ws.lua.endpoints[0].path=/game", "ws.lua.endpoints[0].script=classpath:" + script)
			.run((context) -> {
				LuaScriptException failure = scriptFailure(context);
				assertThat(failure.getProperty()).isEqualTo("ws.lua.endpoints[0].script");
				assertThat(failure.getLine()).isEqualTo(line);
				assertThat(failure.getMessage()).startsWith("ws.lua.endpoints[0].script: " + message);
			});
	}

	private static LuaScriptException scriptFailure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof LuaScriptException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("a LuaScriptException in %s", context.getStartupFailure()).isNotNull();
		return (LuaScriptException) failure;
	}

}
