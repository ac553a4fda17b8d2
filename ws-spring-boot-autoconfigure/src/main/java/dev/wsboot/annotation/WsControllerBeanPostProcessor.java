package dev.wsboot.annotation;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds {@link WsController} beans as they are created and registers them with the
 * {@link WsControllerRegistry}, so a wrong declaration fails the bean's creation with a message
 * naming the class and method.
 */
public class WsControllerBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private BeanFactory beanFactory;

	private @Nullable WsControllerRegistry registry;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (AnnotatedElementUtils.hasAnnotation(targetClass, WsController.class)) {
			registry().register(bean, targetClass);
		}
		return bean;
	}

	/** Looked up on first use, so this post-processor does not create the registry early. */
	private WsControllerRegistry registry() {
		if (this.registry == null) {
			this.registry = this.beanFactory.getBean(WsControllerRegistry.class);
		}
		return this.registry;
	}

}
