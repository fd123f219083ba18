package com.example.tourbooking.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the API at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}),
 * with the bearer scheme so "Authorize" in the UI works with a token from
 * {@code /api/auth/login}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BEARER = "bearer-jwt";

	@Bean
	OpenAPI tourBookingOpenApi(@Value("${spring.application.name}") String name) {
		return new OpenAPI()
			.info(new Info().title(name + " API")
				.description("Users, tours with departures, and reservations. Amounts are exact decimals in EUR.")
				.version("v1"))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
