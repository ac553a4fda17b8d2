package dev.wsboot.test.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;
import org.springframework.test.context.TestContextBootstrapper;

/**
 * {@link TestContextBootstrapper} of {@link WsTest @WsTest}: its {@code properties}, after
 * {@code ws.port=0} so that a test may still choose a port.
 */
class WsTestContextBootstrapper extends TestSliceTestContextBootstrapper<WsTest> {

	@Override
	protected String[] getProperties(Class<?> testClass) {
		List<String> properties = new ArrayList<>();
		properties.add("ws.port=0");
		properties.addAll(List.of(super.getProperties(testClass)));
		return properties.toArray(String[]::new);
	}

}
