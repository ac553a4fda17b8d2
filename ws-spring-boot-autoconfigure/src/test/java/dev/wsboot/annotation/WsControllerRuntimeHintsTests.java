package dev.wsboot.annotation;

import dev.wsboot.annotation.TestControllers.Greeting;
import dev.wsboot.annotation.TestControllers.Reply;
import dev.wsboot.engine.WsSession;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints a native image needs for controllers: their event methods are invocable and their
 * message types bindable, found through {@code aot.factories} as Spring's AOT engine finds them.
 */
class WsControllerRuntimeHintsTests {

	@Test
	void aControllersEventMethodsAndMessageTypesAreHinted() {
		RuntimeHints hints = contribute(TestControllers.JsonController.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TestControllers.JsonController.class, "greet"))
			.accepts(hints);
		// Jackson reads the record through its canonical constructor and writes it through its accessors.
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Greeting.class, "name")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reply.class, "text")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(WsSession.class)).as("engine types need no binding")
			.rejects(hints);
	}

	@Test
	void aheadOfTimeProcessingOfAContextWithAControllerRegistersItsHints() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("jsonController", TestControllers.JsonController.class);
		TestGenerationContext generation = new TestGenerationContext();
		new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TestControllers.JsonController.class, "greet"))
			.accepts(generation.getRuntimeHints());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Greeting.class, "times"))
			.accepts(generation.getRuntimeHints());
	}

	@Test
	void aBeanThatIsNotAControllerContributesNothing() {
		assertThat(processor().processAheadOfTime(registered(String.class))).isNull();
	}

	private static RuntimeHints contribute(Class<?> controller) {
		BeanRegistrationAotContribution contribution = processor().processAheadOfTime(registered(controller));
		assertThat(contribution).isNotNull();
		TestGenerationContext generation = new TestGenerationContext();
		contribution.applyTo(generation, null);
		return generation.getRuntimeHints();
	}

	private static BeanRegistrationAotProcessor processor() {
		return AotServices.factories()
			.load(BeanRegistrationAotProcessor.class)
			.stream()
			.filter(WsControllerRuntimeHints.class::isInstance)
			.findFirst()
			.orElseThrow(() -> new AssertionError("WsControllerRuntimeHints is not in aot.factories"));
	}

	private static RegisteredBean registered(Class<?> type) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(type));
		return RegisteredBean.of(beanFactory, "bean");
	}

}
