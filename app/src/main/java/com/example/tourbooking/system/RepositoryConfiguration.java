package com.example.tourbooking.system;

import com.example.tourbooking.TourBookingApplication;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactories;
import org.springframework.data.jpa.repository.query.QueryEnhancerSelector;

/**
 * The JPA repositories, with no second JPQL parser at start-up. For every {@code @Query}
 * Spring Data builds a query enhancer, and with Hibernate present its default one parses
 * the query with Spring Data's own ANTLR grammar ({@code QueryEnhancerSelector.
 * DefaultQueryEnhancerSelector}, {@code QueryEnhancerFactories} HQL in spring-data-jpa
 * 4.0), on top of Hibernate's parse that validates it: about an eighth of the main
 * thread's start-up work on 2 cores (JFR, issue 15). The enhancer only rewrites queries
 * for sorting, paging (count queries) and DTO projections, which none of our queries use,
 * so the regular-expression enhancer Spring Data falls back to without a parser serves
 * them. Hibernate still parses and validates each query when the repositories are
 * created.
 * <p>
 * Declaring the repositories replaces Boot's {@code DataJpaRepositoriesAutoConfiguration}
 * (it backs off), which adds only a bootstrap executor for deferred or lazy repository
 * bootstrap, not used here.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = TourBookingApplication.class,
		queryEnhancerSelector = RepositoryConfiguration.NoParserQueryEnhancers.class)
class RepositoryConfiguration {

	/** The regular-expression enhancer for JPQL and native queries alike. */
	static final class NoParserQueryEnhancers extends QueryEnhancerSelector.DefaultQueryEnhancerSelector {

		NoParserQueryEnhancers() {
			super(QueryEnhancerFactories.fallback(), QueryEnhancerFactories.fallback());
		}

	}

}
