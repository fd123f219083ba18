package com.example.tourbooking.system;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import com.example.tourbooking.TourBookingApplication;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.jpa.repository.config.JpaRepositoryConfigExtension;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactories;
import org.springframework.data.jpa.repository.query.QueryEnhancerSelector;
import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfiguration;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;
import org.springframework.data.repository.config.RepositoryConfigurationSource;

/**
 * The JPA repositories, declared so that start-up does no needless work and the image's
 * AOT-processed code is the same on every build (issue 15).
 * <ul>
 * <li>No second JPQL parser: for every {@code @Query} Spring Data builds a query
 * enhancer, and with Hibernate present its default one parses the query with Spring
 * Data's own ANTLR grammar ({@code QueryEnhancerSelector.DefaultQueryEnhancerSelector},
 * spring-data-jpa 4.0), on top of Hibernate's parse that validates it: about an eighth of
 * the main thread's start-up samples on 2 cores (JFR). The enhancer only rewrites queries
 * for sorting, paging (count queries) and DTO projections, none of which our queries use,
 * so the regular-expression enhancer Spring Data falls back to serves them.</li>
 * <li>Repositories registered in name order: spring-data-commons 4.0
 * ({@code RepositoryConfigurationExtensionSupport.getRepositoryConfigurations}) collects
 * them in a {@code HashSet}, so their order, and with it the AOT-generated registration
 * code, changed from build to build and the image digest with it.</li>
 * </ul>
 * Declaring the repositories replaces Boot's {@code DataJpaRepositoriesAutoConfiguration}
 * (it backs off), which adds only a bootstrap executor for deferred or lazy repository
 * bootstrap, not used here. Public because AOT-generated bean definitions in the feature
 * packages refer to the enhancer selector.
 */
@Configuration(proxyBeanMethods = false)
@Import(JpaRepositoriesConfiguration.OrderedRepositories.class)
public class JpaRepositoriesConfiguration {

	/**
	 * The settings the registrar reads, as {@code @EnableJpaRepositories} would. An
	 * interface: a nested class carrying {@code @Import} would be processed as a
	 * configuration class of its own, registering every repository a second time.
	 */
	@EnableJpaRepositories(basePackageClasses = TourBookingApplication.class,
			queryEnhancerSelector = NoParserQueryEnhancers.class)
	interface Settings {

	}

	/** The regular-expression enhancer for JPQL and native queries alike. */
	public static final class NoParserQueryEnhancers extends QueryEnhancerSelector.DefaultQueryEnhancerSelector {

		public NoParserQueryEnhancers() {
			super(QueryEnhancerFactories.fallback(), QueryEnhancerFactories.fallback());
		}

	}

	/**
	 * {@code @EnableJpaRepositories}'s registrar, reading {@link Settings}, in name
	 * order.
	 */
	static final class OrderedRepositories extends RepositoryBeanDefinitionRegistrarSupport {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata importing, BeanDefinitionRegistry registry,
				BeanNameGenerator names) {
			super.registerBeanDefinitions(AnnotationMetadata.introspect(Settings.class), registry, names);
		}

		@Override
		protected Class<? extends Annotation> getAnnotation() {
			return EnableJpaRepositories.class;
		}

		@Override
		protected RepositoryConfigurationExtension getExtension() {
			return new InNameOrder();
		}

	}

	static final class InNameOrder extends JpaRepositoryConfigExtension {

		@Override
		public <T extends RepositoryConfigurationSource> Collection<RepositoryConfiguration<T>> getRepositoryConfigurations(
				T source, ResourceLoader loader, boolean strictMatchesOnly) {
			List<RepositoryConfiguration<T>> repositories = new ArrayList<>(
					super.getRepositoryConfigurations(source, loader, strictMatchesOnly));
			repositories.sort(Comparator.comparing(RepositoryConfiguration::getRepositoryInterface));
			return repositories;
		}

	}

}
