package dev.wsboot.annotation;

import java.util.ArrayList;
import java.util.List;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds {@link WsController} beans as they are created and collects what they declare; once every
 * singleton exists (so every {@link WsArgumentResolver} and {@link WsReturnValueHandler} bean
 * does), registers them all with the {@link WsControllerRegistry}, as spring-kafka's listener
 * post-processor does. A wrong declaration fails the startup with a message naming the class and
 * method.
 */
public class WsControllerBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private final List<ControllerDescriptor> controllers = new ArrayList<>();

	private BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (AnnotatedElementUtils.hasAnnotation(targetClass, WsController.class)) {
			ControllerDescriptor controller = ControllerScanner.scan(beanName, bean, targetClass);
			synchronized (this.controllers) {
				this.controllers.add(controller);
			}
		}
		return bean;
	}

	/** Looks the registry up only now, so this post-processor creates no bean early. */
	@Override
	public void afterSingletonsInstantiated() {
		WsControllerRegistry registry = this.beanFactory.getBean(WsControllerRegistry.class);
		synchronized (this.controllers) {
			for (ControllerDescriptor controller : this.controllers) {
				try {
					registry.register(controller);
				}
				catch (WsControllerDefinitionException ex) {
					throw new BeanInitializationException("Invalid @WsController bean '" + controller.beanName() + "': "
							+ ex.getMessage(), ex);
				}
			}
			this.controllers.clear();
		}
	}

}
