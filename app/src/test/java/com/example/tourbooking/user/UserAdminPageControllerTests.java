package com.example.tourbooking.user;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.example.tourbooking.system.PageResponse;
import com.example.tourbooking.system.web.PageSliceConfiguration;
import com.example.tourbooking.user.UserResponses.UserResponse;

import static com.example.tourbooking.system.web.PageSliceConfiguration.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The admin's users page: only admins, CSRF on the role form, the API's service.
 */
@WebMvcTest(UserAdminPageController.class)
@Import(PageSliceConfiguration.class)
@ActiveProfiles("test")
class UserAdminPageControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private UserService users;

	@MockitoBean
	private AuthenticationProvider signIn;

	@Test
	void adminsSeeUsersWithALabelledRoleChoice() {
		given(this.users.list(any())).willReturn(new PageResponse<>(
				List.of(new UserResponse(3, "cora@example.com", "Cora", Role.CUSTOMER)), 0, 20, 1, 1));

		assertThat(this.mvc.get().uri("/admin/users").with(signedIn(1, Role.ADMIN))).hasStatusOk()
			.bodyText()
			.contains("cora@example.com", "<label class=\"visually-hidden\" for=\"role-3\">Role of Cora</label>",
					"<option value=\"CUSTOMER\" selected=\"selected\">Customer</option>");
	}

	@Test
	void onlyAdminsGetIn() {
		assertThat(this.mvc.get().uri("/admin/users").with(signedIn(2, Role.GUIDE))).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/admin/users/3/role")
			.param("role", "ADMIN")
			.with(signedIn(2, Role.GUIDE))
			.with(csrf())).hasStatus(403);
		assertThat(this.mvc.get().uri("/admin/users")).hasStatus(302);
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void changingARoleNeedsTheCsrfToken() {
		assertThat(this.mvc.post().uri("/admin/users/3/role").param("role", "GUIDE").with(signedIn(1, Role.ADMIN)))
			.hasStatus(403);
		then(this.users).shouldHaveNoInteractions();

		assertThat(this.mvc.post()
			.uri("/admin/users/3/role")
			.param("role", "GUIDE")
			.with(signedIn(1, Role.ADMIN))
			.with(csrf())).hasStatus(302).redirectedUrl().isEqualTo("/admin/users?page=0&changed=3");
		then(this.users).should().changeRole(3, Role.GUIDE, new CurrentUser(1, Role.ADMIN));
	}

}
