package dev.wsboot.context;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Publishes the bound port as the {@code local.ws.port} property when the server starts, in the
 * same "server.ports" property source Spring Boot uses for {@code local.server.port}.
 */
public class WsPortInfoApplicationContextInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PROPERTY_NAME = "local.ws.port";

	private static final String PROPERTY_SOURCE_NAME = "server.ports";

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		applicationContext.addApplicationListener(new Listener(applicationContext));
	}

	private static final class Listener implements ApplicationListener<WsServerStartedEvent> {

		private final ConfigurableApplicationContext applicationContext;

		Listener(ConfigurableApplicationContext applicationContext) {
			this.applicationContext = applicationContext;
		}

		@Override
		public void onApplicationEvent(WsServerStartedEvent event) {
			setPortProperty(this.applicationContext, event.getPort());
		}

		private void setPortProperty(ConfigurableApplicationContext context, int port) {
			setPortProperty(context.getEnvironment(), port);
			if (context.getParent() instanceof ConfigurableApplicationContext parent) {
				setPortProperty(parent, port);
			}
		}

		@SuppressWarnings("unchecked")
		private void setPortProperty(ConfigurableEnvironment environment, int port) {
			MutablePropertySources sources = environment.getPropertySources();
			PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
			if (source == null) {
				source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
				sources.addFirst(source);
			}
			((Map<String, Object>) source.getSource()).put(PROPERTY_NAME, port);
		}

	}

}
