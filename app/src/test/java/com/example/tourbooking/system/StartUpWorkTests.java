package com.example.tourbooking.system;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

import com.example.tourbooking.ApplicationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work the service no longer does at every start (issue 15), checked in the running
 * context so a dependency upgrade or a new configuration cannot bring it back unnoticed.
 */
@ApplicationTest
class StartUpWorkTests {

	@Autowired
	private ConfigurableListableBeanFactory beans;

	@Test
	void repositoryQueriesAreNotParsedASecondTimeBySpringData() {
		String[] repositories = this.beans.getBeanNamesForType(JpaRepositoryFactoryBean.class);

		assertThat(repositories).contains("&departureRepository", "&reservationRepository", "&userRepository");
		for (String factory : repositories) {
			assertThat(
					this.beans.getBeanDefinition(factory.substring(1)).getPropertyValues().get("queryEnhancerSelector"))
				.as(factory)
				.isEqualTo(JpaRepositoriesConfiguration.NoParserQueryEnhancers.class);
		}
	}

	/**
	 * Spring AOT writes the registrations in this order (of the interfaces' qualified
	 * names): the same on every build.
	 */
	@Test
	void repositoriesAreRegisteredInNameOrder() {
		assertThat(this.beans.getBeanNamesForType(JpaRepositoryFactoryBean.class))
			.containsExactly("&reservationRepository", "&departureRepository", "&tourRepository", "&userRepository");
	}

}
