package com.example.tourbooking.system;

import java.lang.annotation.ElementType;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;

import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Validation of request bodies without asking JPA about them. With JPA on the class path
 * Hibernate Validator's default traversable resolver ({@code TraversableResolvers},
 * {@code JPATraversableResolver}) asks {@code Persistence.getPersistenceUtil().isLoaded}
 * for every constrained property, which looks up the persistence providers each time: 2.6
 * % of a booking's CPU (JFR, issue 15). What Spring validates here are request records,
 * never entities with lazy state; Hibernate ORM validates entities with its own resolver,
 * which this does not touch.
 */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

	@Bean
	ValidationConfigurationCustomizer everyPropertyTraversable() {
		return (configuration) -> configuration.traversableResolver(new EveryPropertyTraversable());
	}

	/** Every property is reachable and cascadable, as for plain objects. */
	static final class EveryPropertyTraversable implements TraversableResolver {

		@Override
		public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
				Path pathToTraversableObject, ElementType elementType) {
			return true;
		}

		@Override
		public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
				Path pathToTraversableObject, ElementType elementType) {
			return true;
		}

	}

}
