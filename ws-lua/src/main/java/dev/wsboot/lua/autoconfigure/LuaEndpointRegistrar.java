package dev.wsboot.lua.autoconfigure;

import java.util.List;

import dev.wsboot.engine.WsEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a {@link WsEndpoint} bean for each {@code ws.lua.endpoints} entry, made by the
 * {@code LuaEndpoints} bean, so that the server serves them as it serves any endpoint bean (with a
 * user's own {@code WsServerFactory} too). Their number is read from the environment here, before
 * any bean exists.
 */
class LuaEndpointRegistrar implements ImportBeanDefinitionRegistrar {

	static final String ENDPOINTS_BEAN = "luaEndpoints";

	private final Environment environment;

	LuaEndpointRegistrar(Environment environment) {
		this.environment = environment;
	}

	/** Only the path is bound here: enough to count, with no conversion of the script's location. */
	record Entry(@Nullable String path) {
	}

	static List<Entry> entries(Environment environment) {
		return Binder.get(environment).bind("ws.lua.endpoints", Bindable.listOf(Entry.class)).orElse(List.of());
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		int count = entries(this.environment).size();
		for (int i = 0; i < count; i++) {
			RootBeanDefinition endpoint = new RootBeanDefinition(WsEndpoint.class);
			endpoint.setFactoryBeanName(ENDPOINTS_BEAN);
			endpoint.setFactoryMethodName("endpoint");
			endpoint.getConstructorArgumentValues().addIndexedArgumentValue(0, i);
			registry.registerBeanDefinition("luaEndpoint" + i, endpoint);
		}
	}

}
