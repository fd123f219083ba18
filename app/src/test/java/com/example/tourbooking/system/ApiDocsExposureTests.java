package com.example.tourbooking.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * springdoc's switches honoured although its handlers exist, as in the AOT image
 * (image/container-test.sh checks that image itself): stand-in handlers at springdoc's
 * paths, the interceptors {@link ApiDocsExposure} registers in front of them.
 */
class ApiDocsExposureTests {

	private static final String[] API_DOCS = { "/v3/api-docs", "/v3/api-docs/swagger-config" };

	private static final String[] SWAGGER_UI = { "/swagger-ui.html", "/swagger-ui/index.html" };

	@Test
	void switchedOffTheirPathsAnswerAsUnmapped() throws Exception {
		MockMvc mvc = mvc(true, true);

		for (String path : List.of(API_DOCS[0], API_DOCS[1], SWAGGER_UI[0], SWAGGER_UI[1])) {
			mvc.perform(get(path)).andExpect(status().isNotFound());
		}
		mvc.perform(get("/api/tours")).andExpect(status().isOk());
	}

	@Test
	void eachSwitchGuardsItsOwnPaths() throws Exception {
		MockMvc apiDocsOnly = mvc(false, true);
		MockMvc swaggerUiOnly = mvc(true, false);

		for (String path : API_DOCS) {
			apiDocsOnly.perform(get(path)).andExpect(status().isOk());
			swaggerUiOnly.perform(get(path)).andExpect(status().isNotFound());
		}
		for (String path : SWAGGER_UI) {
			apiDocsOnly.perform(get(path)).andExpect(status().isNotFound());
			swaggerUiOnly.perform(get(path)).andExpect(status().isOk());
		}
	}

	private static MockMvc mvc(boolean hideApiDocs, boolean hideSwaggerUi) {
		Interceptors registry = new Interceptors();
		new ApiDocsExposure(hideApiDocs, hideSwaggerUi).addInterceptors(registry);
		return MockMvcBuilders.standaloneSetup(new SpringdocPaths())
			.addInterceptors(registry.getInterceptors().toArray(HandlerInterceptor[]::new))
			.build();
	}

	private static final class Interceptors extends InterceptorRegistry {

		@Override
		protected List<Object> getInterceptors() {
			return super.getInterceptors();
		}

	}

	@RestController
	static class SpringdocPaths {

		@GetMapping({ "/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html", "/swagger-ui/index.html",
				"/api/tours" })
		String served() {
			return "served";
		}

	}

}
